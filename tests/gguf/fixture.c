/* placeholder, replaced in step 2 */
extern int qx_gguf_fixture_placeholder;
int qx_gguf_fixture_placeholder;
