/* json_int: what the JSON writer's files share (json.c, json_run.c): the document being
 * built and the helpers that build it, each marking the document failed when memory runs
 * out (see json.c).
 */
#ifndef CSTAGES_JSON_INT_H
#define CSTAGES_JSON_INT_H

#include <jansson.h>
#include <stddef.h>

#include "stages/walk.h"

/* The walk being written, and whether memory ran out while the document was built. */
struct json_ctx {
	const struct walk *w;
	int failed;
};

json_t *json_from_text(struct json_ctx *c, const char *text, size_t len);
json_t *json_from_str(struct json_ctx *c, const char *s);    /* text from outside, or null */
json_t *json_from_name(struct json_ctx *c, const char *s);   /* our own ASCII name, or null */
json_t *json_from_int(struct json_ctx *c, long long n);
json_t *json_from_index(struct json_ctx *c, long long i);    /* null when negative */
json_t *json_from_u64(struct json_ctx *c, unsigned long long n);
void json_add(struct json_ctx *c, json_t *o, const char *key, json_t *v);
void json_append(struct json_ctx *c, json_t *a, json_t *v);
json_t *json_new_object(struct json_ctx *c);
json_t *json_new_array(struct json_ctx *c);
const char *json_state_name(enum run_state st);
json_t *json_of_run(struct json_ctx *c, const struct proc_result *p); /* null: never ran */

/* The "run" object: stage 5 (json_run.c). */
json_t *json_of_run5(struct json_ctx *c);

#endif
