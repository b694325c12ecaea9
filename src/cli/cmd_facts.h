/* cmd_facts.h: what the files of `qexplain facts` share. */
#ifndef QX_CMD_FACTS_H
#define QX_CMD_FACTS_H

#include "cli.h"
#include "qexplain/facts.h"

/* Loads dir, or facts/ of the data directory when dir is NULL. */
int cmd_facts_load(struct qx_facts **out, const struct qx_cli *cli, const char *dir, int partial,
                   struct qx_diags *d);
int cmd_facts_show(const char *id, const char *dir, int json, const struct qx_cli *cli);
int cmd_facts_diff(const char *old_dir, const char *new_dir, int json, const char *manifest);

#endif
