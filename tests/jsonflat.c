/* jsonflat: a helper of the shell tests. It parses a JSON file strictly with jansson and prints
 * every value on a line of its own, so a shell test can compare it with what the toolchain
 * and the report say.
 *
 *     jsonflat FILE
 *
 * Each line is a path, a tab and the value as compact JSON in ASCII (strings quoted, with
 * \n, \t, \u0000 and \ufffd escapes, so a value never spans lines):
 *
 *     .link[0].elf.type	"DYN"
 *     .link[0].artifact_size	15952
 *     .object.elf.needed	[]
 *
 * Objects and arrays with members print no line of their own; empty ones print {} or [].
 * A key that is not made of lowercase letters, digits and '_' is written quoted: .["a b"].
 * The parse refuses what is not one well-formed JSON document: text that is not UTF-8,
 * duplicate keys, anything after the document. Exit status: 0 when the file parsed, 1 with
 * jansson's message (file:line:column) when it did not, 2 on a usage error.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print one value as compact ASCII JSON; strings keep their NUL bytes as \u0000. */
static int jsonflat_value(const json_t *v)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII |
					JSON_REAL_PRECISION(15));
	if (!s)
		return -1;
	fputs(s, stdout);
	free(s);
	return 0;
}

/* True when key can follow a '.' in a path unquoted. */
static int jsonflat_plain_key(const char *key)
{
	if (!*key)
		return 0;
	for (; *key; key++)
		if (!((*key >= 'a' && *key <= 'z') || (*key >= '0' && *key <= '9') || *key == '_'))
			return 0;
	return 1;
}

/* Print v's leaves under path (len bytes of buf in use, cap in all). */
static int jsonflat_walk(const json_t *v, char **buf, size_t *cap, size_t len)
{
	size_t i;
	const char *key;
	json_t *x;
	int rc = 0;

	if ((json_is_object(v) && json_object_size(v)) ||
	    (json_is_array(v) && json_array_size(v))) {
		json_object_foreach((json_t *)v, key, x) {
			json_t *quoted = json_string(key);
			char *q = jsonflat_plain_key(key) ? NULL :
				  json_dumps(quoted, JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
			size_t need = len + strlen(q ? q : key) + 8;
			json_decref(quoted);
			if (need > *cap) {
				char *g = realloc(*buf, need * 2);
				if (!g) {
					free(q);
					return -1;
				}
				*buf = g;
				*cap = need * 2;
			}
			int n = q ? snprintf(*buf + len, *cap - len, ".[%s]", q) :
				    snprintf(*buf + len, *cap - len, ".%s", key);
			free(q);
			rc |= jsonflat_walk(x, buf, cap, len + (size_t)n);
		}
		json_array_foreach(v, i, x) {
			if (len + 32 > *cap) {
				char *g = realloc(*buf, (len + 32) * 2);
				if (!g)
					return -1;
				*buf = g;
				*cap = (len + 32) * 2;
			}
			int n = snprintf(*buf + len, *cap - len, "[%zu]", i);
			rc |= jsonflat_walk(x, buf, cap, len + (size_t)n);
		}
		(*buf)[len] = '\0';
		return rc;
	}
	(*buf)[len] = '\0';
	fputs(len ? *buf : ".", stdout);
	putchar('\t');
	rc |= jsonflat_value(v);
	putchar('\n');
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: jsonflat FILE\n");
		return 2;
	}
	json_error_t err;
	json_t *root = json_load_file(argv[1], JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
	if (!root) {
		fprintf(stderr, "jsonflat: %s:%d:%d: %s\n", argv[1], err.line, err.column,
			err.text);
		return 1;
	}
	size_t cap = 256;
	char *buf = malloc(cap);
	int rc = buf ? jsonflat_walk(root, &buf, &cap, 0) : -1;
	free(buf);
	json_decref(root);
	if (fflush(stdout) != 0 || ferror(stdout) || rc != 0) {
		fprintf(stderr, "jsonflat: cannot print the values\n");
		return 1;
	}
	return 0;
}
