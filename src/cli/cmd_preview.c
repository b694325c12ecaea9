/* cmd_preview: placeholder until the module behind it lands; says so and exits 70. */
#include "cli.h"

int cmd_preview(int argc, char **argv, struct qx_cli *cli)
{
    (void)argc;
    (void)argv;
    (void)cli;
    return cli_error(QX_EXIT_INTERNAL, "'preview' is not implemented yet");
}
