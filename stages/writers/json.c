/* json: the walk model as JSON. See json.h.
 *
 * The builders are called json_of_* and the helpers json_add/json_append/json_from_*, so
 * that no name of this file can ever meet one of jansson's (json_object, json_string...). */
#include "config.h"

#include <errno.h>
#include <gelf.h>
#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/styled.h"
#include "stages/files.h"
#include "stages/linkmsg.h"
#include "stages/writers/json.h"
#include "stages/writers/json_int.h"


/* A JSON string of len bytes of text from outside. jansson refuses text that is not UTF-8,
 * and a document must stay valid whatever a tool printed: each byte that is not part of a
 * well-formed sequence becomes U+FFFD. NUL bytes are kept (JSON writes them as \u0000). */
json_t *json_from_text(struct json_ctx *c, const char *text, size_t len)
{
	static const char replacement[] = "\xef\xbf\xbd";
	const unsigned char *s = (const unsigned char *)text;
	size_t bad = 0;
	json_t *v = NULL;
	if (!text)
		return json_null();
	for (size_t i = 0; i < len;) {
		size_t k = sty_utf8_len(s + i, len - i);
		bad += k == 0;
		i += k ? k : 1;
	}
	if (!bad) {
		v = json_stringn(text, len);
	} else if (bad <= (SIZE_MAX - len) / 2) {
		char *buf = malloc(len + 2 * bad), *o = buf;
		for (size_t i = 0; buf && i < len;) {
			size_t k = sty_utf8_len(s + i, len - i);
			if (k) {
				memcpy(o, s + i, k);
				o += k;
				i += k;
			} else {
				memcpy(o, replacement, 3);
				o += 3;
				i++;
			}
		}
		v = buf ? json_stringn(buf, (size_t)(o - buf)) : NULL;
		free(buf);
	}
	if (!v)
		c->failed = 1;
	return v;
}

/* A C string from outside, or null. */
json_t *json_from_str(struct json_ctx *c, const char *s)
{
	return s ? json_from_text(c, s, strlen(s)) : json_null();
}

/* A string of this program's own (an ASCII name from a table), or null. */
json_t *json_from_name(struct json_ctx *c, const char *s)
{
	json_t *v = s ? json_string(s) : json_null();
	if (!v)
		c->failed = 1;
	return v;
}

json_t *json_from_int(struct json_ctx *c, long long n)
{
	json_t *v = json_integer(n);
	if (!v)
		c->failed = 1;
	return v;
}

/* An index into one of the document's arrays, or null for none (a negative index). */
json_t *json_from_index(struct json_ctx *c, long long i)
{
	return i >= 0 ? json_from_int(c, i) : json_null();
}

/* jansson's integers are signed 64-bit: a larger value (no address or size of a real program
 * has one) is written as a string of its decimal digits rather than wrapped round. */
json_t *json_from_u64(struct json_ctx *c, unsigned long long n)
{
	char digits[24];
	if (n <= (unsigned long long)LLONG_MAX)
		return json_from_int(c, (long long)n);
	snprintf(digits, sizeof digits, "%llu", n);
	return json_from_name(c, digits);
}

/* Set key in o to v, which o takes over; a NULL v (or o) marks the document failed. */
void json_add(struct json_ctx *c, json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v) < 0)
		c->failed = 1;
}

void json_append(struct json_ctx *c, json_t *a, json_t *v)
{
	if (json_array_append_new(a, v) < 0)
		c->failed = 1;
}

json_t *json_new_object(struct json_ctx *c)
{
	json_t *o = json_object();
	if (!o)
		c->failed = 1;
	return o;
}

json_t *json_new_array(struct json_ctx *c)
{
	json_t *a = json_array();
	if (!a)
		c->failed = 1;
	return a;
}

const char *json_state_name(enum run_state st)
{
	switch (st) {
	case RUN_PENDING:
		return "pending";
	case RUN_RUNNING:
		return "running";
	case RUN_OK:
		return "ok";
	case RUN_FAILED:
		return "failed";
	case RUN_SKIPPED:
		return "skipped";
	}
	return "unknown";
}

/* How a run ended: a "kind" and the facts of that kind, and proc's sentence for it. */
static json_t *json_of_exit(struct json_ctx *c, const struct proc_result *p)
{
	json_t *o = json_new_object(c);
	char sig[32];
	switch (p->kind) {
	case PROC_EXITED:
		json_add(c, o, "kind", json_from_name(c, "exited"));
		json_add(c, o, "code", json_from_int(c, p->exit_code));
		break;
	case PROC_SIGNALED:
		json_add(c, o, "kind", json_from_name(c, "signaled"));
		if (sigabbrev_np(p->signo)) {
			snprintf(sig, sizeof sig, "SIG%s", sigabbrev_np(p->signo));
			json_add(c, o, "signal", json_from_name(c, sig));
		} else {
			json_add(c, o, "signal", json_null());
		}
		json_add(c, o, "signal_number", json_from_int(c, p->signo));
		break;
	case PROC_TIMED_OUT:
		json_add(c, o, "kind", json_from_name(c, "timed_out"));
		break;
	case PROC_CAPPED:
		json_add(c, o, "kind", json_from_name(c, "output_capped"));
		json_add(c, o, "cap_bytes", json_from_int(c, (long long)p->out_cap));
		break;
	case PROC_SPAWN_FAILED:
		json_add(c, o, "kind", json_from_name(c, "spawn_failed"));
		json_add(c, o, "errno", json_from_name(c, strerrorname_np(p->spawn_errno)));
		json_add(c, o, "error", json_from_str(c, strerror(p->spawn_errno)));
		break;
	}
	/* the limits every child runs under, and which of them stopped it (format version 4) */
	json_add(c, o, "limit", p->limit == PROC_LIMIT_MEMORY ? json_from_name(c, "memory") :
				p->limit == PROC_LIMIT_CPU ? json_from_name(c, "cpu_time") : json_null());
	json_add(c, o, "memory_limit_bytes",
		 p->mem_limit > 0 ? json_from_int(c, p->mem_limit) : json_null());
	json_add(c, o, "cpu_limit_seconds",
		 p->cpu_limit_s > 0 ? json_from_int(c, p->cpu_limit_s) : json_null());
	json_add(c, o, "description", json_from_str(c, proc_describe_en(p)));
	return o;
}

/* The keys of one program run, added to o: all null when nothing ran (no argv). */
static void json_add_run(struct json_ctx *c, json_t *o, const struct proc_result *p)
{
	int ran = p->argv != NULL;
	json_t *argv = ran ? json_new_array(c) : json_null();
	char *line = ran ? proc_argv_string(p->argv) : NULL;
	for (size_t i = 0; ran && p->argv[i]; i++)
		json_append(c, argv, json_from_str(c, p->argv[i]));
	if (ran && !line)
		c->failed = 1;
	json_add(c, o, "command", argv);
	json_add(c, o, "command_line", json_from_str(c, line));
	free(line);
	json_add(c, o, "exit", ran ? json_of_exit(c, p) : json_null());
	/* to the microsecond, which 15 significant digits then show without binary noise */
	json_t *ms = json_null();
	if (ran && !(ms = json_real((double)(long long)(p->wall_ms * 1000 + 0.5) / 1000)))
		c->failed = 1;
	json_add(c, o, "wall_ms", ms);
	json_add(c, o, "stdout", ran ? json_from_text(c, p->out, p->out_len) : json_null());
	json_add(c, o, "stdout_truncated", ran ? json_boolean(p->out_truncated) : json_null());
	json_add(c, o, "stderr", ran ? json_from_text(c, p->err, p->err_len) : json_null());
	json_add(c, o, "stderr_truncated", ran ? json_boolean(p->err_truncated) : json_null());
	json_add(c, o, "hint", json_from_str(c, ran ? walk_hint_en(p) : NULL));
}

/* A run of its own (ldd, the program, a tool), or null when it never ran. */
json_t *json_of_run(struct json_ctx *c, const struct proc_result *p)
{
	if (!p->argv)
		return json_null();
	json_t *o = json_new_object(c);
	json_add_run(c, o, p);
	return o;
}

/* A stage run's keys: its state, why it was skipped, the run, the artifact and its size. */
static void json_add_stage_run(struct json_ctx *c, json_t *o, const struct stage_run *s)
{
	enum run_state st = walk_state(s);
	json_add(c, o, "state", json_from_name(c, json_state_name(st)));
	json_add(c, o, "skip_reason", json_from_str(c, st == RUN_SKIPPED ? s->skip_reason_en : NULL));
	json_add_run(c, o, &s->proc);
	json_add(c, o, "artifact", json_from_str(c, s->artifact));
	json_add(c, o, "artifact_size",
		 s->artifact_size >= 0 ? json_from_int(c, s->artifact_size) : json_null());
}

/* readelf's name for a section type; "0x..." for one it would name otherwise. */
static const char *json_section_type(unsigned type, char *buf, size_t len)
{
	static const struct {
		unsigned type;
		const char *name;
	} names[] = {
		{ SHT_NULL, "NULL" },
		{ SHT_PROGBITS, "PROGBITS" },
		{ SHT_SYMTAB, "SYMTAB" },
		{ SHT_STRTAB, "STRTAB" },
		{ SHT_RELA, "RELA" },
		{ SHT_HASH, "HASH" },
		{ SHT_DYNAMIC, "DYNAMIC" },
		{ SHT_NOTE, "NOTE" },
		{ SHT_NOBITS, "NOBITS" },
		{ SHT_REL, "REL" },
		{ SHT_SHLIB, "SHLIB" },
		{ SHT_DYNSYM, "DYNSYM" },
		{ SHT_INIT_ARRAY, "INIT_ARRAY" },
		{ SHT_FINI_ARRAY, "FINI_ARRAY" },
		{ SHT_PREINIT_ARRAY, "PREINIT_ARRAY" },
		{ SHT_GROUP, "GROUP" },
		{ SHT_SYMTAB_SHNDX, "SYMTAB SECTION INDICES" },
		{ 19 /* SHT_RELR */, "RELR" },
		{ 0x6ffffff4 /* SHT_GNU_SFRAME */, "GNU_SFRAME" },
		{ SHT_GNU_ATTRIBUTES, "GNU_ATTRIBUTES" },
		{ SHT_GNU_HASH, "GNU_HASH" },
		{ SHT_GNU_LIBLIST, "GNU_LIBLIST" },
		{ SHT_GNU_verdef, "VERDEF" },
		{ SHT_GNU_verneed, "VERNEED" },
		{ SHT_GNU_versym, "VERSYM" },
		{ 0x6fff4c03 /* SHT_LLVM_ADDRSIG */, "LLVM_ADDRSIG" },
		{ SHT_X86_64_UNWIND, "X86_64_UNWIND" },
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].type == type)
			return names[i].name;
	snprintf(buf, len, "0x%x", type);
	return buf;
}

/* The ELF facts of one file, as elfinfo read them. */
static json_t *json_of_elf(struct json_ctx *c, const struct elfinfo *e)
{
	json_t *o = json_new_object(c), *needed = json_new_array(c), *sections = json_new_array(c);
	json_add(c, o, "type", json_from_name(c, elfinfo_type_name(e->type)));
	json_add(c, o, "kind", json_from_name(c, elfinfo_kind_label_en(e)));
	json_add(c, o, "pie", json_boolean(e->pie));
	json_add(c, o, "has_dynamic", json_boolean(e->has_dynamic));
	json_add(c, o, "interp", json_from_str(c, e->interp));
	for (size_t i = 0; i < e->n_needed; i++)
		json_append(c, needed, json_from_str(c, e->needed[i]));
	json_add(c, o, "needed", needed);
	for (size_t i = 0; i < e->n_sections; i++) {
		const struct elfinfo_section *s = &e->sections[i];
		json_t *x = json_new_object(c);
		char type[16], flags[ELFINFO_FLAGS_MAX];
		json_add(c, x, "name", json_from_str(c, s->name));
		const char *tname = json_section_type(s->type, type, sizeof type);
		json_add(c, x, "type", json_from_name(c, tname));
		elfinfo_section_flags(s->flags, ELFINFO_FLAGS_READELF, flags);
		json_add(c, x, "flags", json_from_name(c, flags));
		json_add(c, x, "size", json_from_u64(c, s->size));
		json_append(c, sections, x);
	}
	json_add(c, o, "sections", sections);
	return o;
}

/* The object's symbol table (all but the null entry 0, in table order), each with why it is
 * where it is. */
static json_t *json_of_symbols(struct json_ctx *c, const struct symbols *sy)
{
	json_t *a = json_new_array(c);
	for (size_t i = 1; i < sy->n_syms; i++) {
		const struct symbols_sym *x = &sy->syms[i];
		json_t *o = json_new_object(c);
		char why[256];
		json_add(c, o, "index", json_from_u64(c, i));
		json_add(c, o, "name", json_from_str(c, x->name));
		json_add(c, o, "bind", json_from_name(c, symbols_bind_name(x->bind)));
		json_add(c, o, "type", json_from_name(c, symbols_type_name(x->type)));
		json_add(c, o, "section", json_from_str(c, x->section));
		json_add(c, o, "value", json_from_u64(c, x->value));
		json_add(c, o, "size", json_from_u64(c, x->size));
		symbols_explain(x, why, sizeof why);
		json_add(c, o, "explanation", json_from_str(c, why));
		json_append(c, a, o);
	}
	return a;
}

static json_t *json_of_relocations(struct json_ctx *c, const struct symbols *sy)
{
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < sy->n_relocs; i++) {
		const struct symbols_reloc *r = &sy->relocs[i];
		json_t *o = json_new_object(c);
		json_add(c, o, "section", json_from_str(c, r->section));
		json_add(c, o, "relocation_section", json_from_str(c, r->rel_section));
		json_add(c, o, "offset", json_from_u64(c, r->offset));
		const char *tname = symbols_reloc_type_name(sy->machine, r->type);
		json_add(c, o, "type", json_from_name(c, tname));
		json_add(c, o, "symbol_index", json_from_u64(c, r->sym));
		json_add(c, o, "symbol", json_from_str(c, r->symbol));
		json_add(c, o, "addend", json_from_int(c, r->addend));
		json_add(c, o, "explicit_addend", json_boolean(r->rela));
		json_add(c, o, "explanation",
			 json_from_str(c, symbols_reloc_explain(sy->machine, r->type)));
		json_append(c, a, o);
	}
	return a;
}

/* The object file the assemble stage made, or null when it made none. */
static json_t *json_of_object_file(struct json_ctx *c)
{
	static const char *const tool_names[OBJ_TOOL_COUNT] = {
		[OBJ_NM] = "nm", [OBJ_READELF] = "readelf", [OBJ_OBJDUMP] = "objdump",
	};
	const struct walk *w = c->w;
	const struct stage_run *s = &w->stage[STAGE_ASSEMBLE];
	if (walk_state(s) != RUN_OK)
		return json_null();
	json_t *o = json_new_object(c);
	json_add(c, o, "file", json_from_str(c, s->artifact));
	json_add(c, o, "elf", w->obj_elf_ok ? json_of_elf(c, &w->obj_elf) : json_null());
	json_add(c, o, "elf_error",
		 json_from_str(c, !w->obj_elf_ok && w->obj_elf.error_en[0] ? w->obj_elf.error_en : NULL));
	if (w->obj_syms_ok) {
		json_add(c, o, "symbols", json_of_symbols(c, &w->obj_syms));
		json_add(c, o, "relocations", json_of_relocations(c, &w->obj_syms));
		size_t n = 0;
		const char **names = symbols_undefined(&w->obj_syms, &n);
		json_t *und = names ? json_new_array(c) : NULL;
		for (size_t i = 0; names && i < n; i++)
			json_append(c, und, json_from_str(c, names[i]));
		free(names);
		json_add(c, o, "undefined", und);
		json_add(c, o, "symbols_error", json_null());
	} else {
		json_add(c, o, "symbols", json_null());
		json_add(c, o, "relocations", json_null());
		json_add(c, o, "undefined", json_null());
		json_add(c, o, "symbols_error",
			 json_from_str(c, w->obj_syms.error[0] ? w->obj_syms.error : NULL));
	}
	json_t *tools = json_new_array(c);
	for (int t = 0; t < OBJ_TOOL_COUNT; t++) {
		json_t *x = json_new_object(c);
		json_add(c, x, "name", json_from_name(c, tool_names[t]));
		json_add_run(c, x, &w->obj_tools[t]);
		json_append(c, tools, x);
	}
	json_add(c, o, "tools", tools);
	return o;
}

/* What the link map says: the archive members ld took (a tree through "parent"), every
 * input's contribution, and the output sections. */
static json_t *json_of_linkmap(struct json_ctx *c, const struct linkmap *m)
{
	json_t *o = json_new_object(c), *members = json_new_array(c);
	json_t *inputs = json_new_array(c), *outputs = json_new_array(c);
	/* each member's depth in the tree of why it was taken, as the report indents it */
	struct linkmap_tree_row *rows = linkmap_member_tree(m);
	size_t *depth = calloc(m->n_members + 1, sizeof *depth);
	int tree = rows && depth;
	for (size_t r = 0; tree && r < m->n_members; r++)
		depth[rows[r].member] = rows[r].depth;
	free(rows);
	for (size_t i = 0; i < m->n_members; i++) {
		const struct linkmap_member *x = &m->members[i];
		json_t *y = json_new_object(c);
		long long size = linkmap_member_size(m, i);
		unsigned long long nobits = size >= 0 ? m->inputs[x->input].nobits : 0;
		json_add(c, y, "archive", json_from_str(c, *x->archive ? x->archive : NULL));
		json_add(c, y, "member", json_from_str(c, x->member));
		json_add(c, y, "symbol", json_from_str(c, x->symbol));
		json_add(c, y, "by", json_from_str(c, *x->by ? x->by : NULL));
		json_add(c, y, "parent", json_from_index(c, x->parent));
		json_add(c, y, "depth", tree ? json_from_u64(c, depth[i]) :
			 json_from_u64(c, linkmap_member_depth(m, i)));
		json_add(c, y, "input", size >= 0 ? json_from_int(c, x->input) : json_null());
		json_add(c, y, "size", size >= 0 ? json_from_int(c, size) : json_null());
		json_add(c, y, "nobits", size >= 0 ? json_from_u64(c, nobits) : json_null());
		json_append(c, members, y);
	}
	free(depth);
	json_add(c, o, "members", members);
	json_add(c, o, "members_size", json_from_u64(c, linkmap_members_size(m)));
	for (size_t i = 0; i < m->n_inputs; i++) {
		const struct linkmap_input *x = &m->inputs[i];
		json_t *y = json_new_object(c);
		json_add(c, y, "file", json_from_str(c, x->file));
		json_add(c, y, "size", json_from_u64(c, x->size));
		json_add(c, y, "nobits", json_from_u64(c, x->nobits));
		json_add(c, y, "input_sections", json_from_u64(c, x->n_pieces));
		json_append(c, inputs, y);
	}
	json_add(c, o, "inputs", inputs);
	for (size_t i = 0; i < m->n_outputs; i++) {
		const struct linkmap_output *x = &m->outputs[i];
		json_t *y = json_new_object(c);
		json_add(c, y, "name", json_from_str(c, x->name));
		json_add(c, y, "address", x->has_addr ? json_from_u64(c, x->addr) : json_null());
		json_add(c, y, "size", x->has_addr ? json_from_u64(c, x->size) : json_null());
		json_add(c, y, "alloc", json_boolean(x->alloc));
		json_add(c, y, "nobits", json_boolean(x->nobits));
		json_append(c, outputs, y);
	}
	json_add(c, o, "outputs", outputs);
	json_add(c, o, "has_memory_map", json_boolean(m->has_memory_map));
	json_add(c, o, "truncated", json_boolean(m->truncated));
	return o;
}

/* The libraries in ldd's load order, each with why it could not be read, if it could not. */
static json_t *json_of_libraries(struct json_ctx *c, const struct link_variant *v)
{
	if (!v->resolved_ok && !v->libs.n)
		return json_null();
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < v->libs.n; i++) {
		const struct resolve_lib *l = &v->libs.libs[i];
		const char *err = NULL;
		if (v->resolved_ok && i < v->resolved.n_libs && v->resolved.lib_errors)
			err = v->resolved.lib_errors[i];
		json_t *o = json_new_object(c);
		json_add(c, o, "name", json_from_str(c, l->name));
		json_add(c, o, "path", json_from_str(c, l->path));
		json_add(c, o, "loader", json_boolean(l->loader));
		json_add(c, o, "error", json_from_str(c, err));
		json_append(c, a, o);
	}
	return a;
}

/* For each symbol the object leaves undefined, the library that gives it at run time. */
static json_t *json_of_resolved(struct json_ctx *c, const struct link_variant *v)
{
	if (!v->resolved_ok)
		return json_null();
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < v->resolved.n; i++) {
		const struct resolve_binding *b = &v->resolved.bindings[i];
		json_t *o = json_new_object(c);
		json_add(c, o, "symbol", json_from_str(c, b->symbol));
		if (b->lib >= 0 && (size_t)b->lib < v->libs.n) {
			json_add(c, o, "library", json_from_str(c, v->libs.libs[b->lib].name));
			json_add(c, o, "library_index", json_from_int(c, b->lib));
			json_add(c, o, "version", json_from_str(c, b->version));
			json_add(c, o, "version_hidden", json_boolean(b->version_hidden));
			json_add(c, o, "bind", json_from_name(c, symbols_bind_name(b->bind)));
			json_add(c, o, "type", json_from_name(c, symbols_type_name(b->type)));
		} else {
			static const char *const keys[] = { "library", "library_index", "version",
							    "version_hidden", "bind", "type" };
			for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
				json_add(c, o, keys[k], json_null());
		}
		json_append(c, a, o);
	}
	return a;
}

/* The program run alone in an empty root directory, or why that was not tried. */
static json_t *json_of_empty_root(struct json_ctx *c, const struct link_variant *v)
{
	json_t *o = json_new_object(c);
	json_add(c, o, "tried", json_boolean(v->empty_root_ran));
	json_add(c, o, "note", json_from_str(c, v->empty_root_ran ? NULL : v->empty_root_note_en));
	if (v->empty_root_ran) {
		json_add_run(c, o, &v->empty_root);
	} else {
		struct proc_result none = { 0 };
		json_add_run(c, o, &none);
	}
	return o;
}

/* One way of linking and everything found out about its program. */
/* The linker's messages of one link, explained (stages/linkmsg.h): what the report lists,
 * as the engine parsed them once (walk.h: msgs). */
static json_t *json_of_linkmsgs(struct json_ctx *c, const struct link_variant *v)
{
	json_t *a = json_new_array(c);
	if (!walk_msgs_ready(v))
		return a;
	const struct linkmsg *m = &v->msgs;
	for (size_t i = 0; i < m->n; i++) {
		const struct linkmsg_item *x = &m->items[i];
		json_t *o = json_new_object(c), *where = json_new_array(c);
		json_add(c, o, "kind", json_from_name(c, linkmsg_kind_name(x->kind)));
		json_add(c, o, "symbol", json_from_str(c, x->symbol));
		json_add(c, o, "raw", json_from_str(c, x->raw));
		json_add(c, o, "object", json_from_str(c, x->object));
		json_add(c, o, "function", json_from_str(c, x->function));
		json_add(c, o, "location", json_from_str(c, x->location));
		for (size_t k = 0; k < x->n_where; k++) {
			json_t *wo = json_new_object(c);
			json_add(c, wo, "line", json_from_int(c, x->where[k].line));
			json_add(c, wo, "column", json_from_int(c, x->where[k].col));
			json_add(c, wo, "caller", json_from_str(c, x->where[k].caller));
			json_append(c, where, wo);
		}
		json_add(c, o, "in_source", where);
		json_add(c, o, "explain", json_from_str(c, x->explain));
		json_add(c, o, "fix", json_from_str(c, x->fix));
		json_add(c, o, "lesson", json_from_str(c, x->lesson));
		json_t *lib = json_null();
		if (x->lib_flags) {
			lib = json_new_object(c);
			json_add(c, lib, "header", json_from_str(c, x->lib_header));
			json_add(c, lib, "package", json_from_str(c, x->lib_package));
			json_add(c, lib, "pkg_config", json_from_str(c, x->lib_pc));
			json_add(c, lib, "flags", json_from_str(c, x->lib_flags));
		}
		json_add(c, o, "library", lib);
		json_append(c, a, o);
	}
	return a;
}

/* A program of the library's build: how it was linked, what of the library is in it, and
 * what the loader did with it under each environment. */
static json_t *json_of_libprog(struct json_ctx *c, const struct libbuild *lb,
			       enum libbuild_kind k)
{
	const struct libbuild_prog *p = &lb->prog[k];
	json_t *o = json_new_object(c), *syms = json_new_array(c), *loads = json_new_array(c);
	json_add(c, o, "kind", json_from_name(c, libbuild_kind_name(k)));
	json_add(c, o, "name", json_from_str(c, p->name));
	json_add(c, o, "link", json_of_run(c, &p->link));
	json_add(c, o, "linked", json_boolean(p->linked));
	json_add(c, o, "size", p->size >= 0 ? json_from_int(c, p->size) : json_null());
	json_add(c, o, "rpath", json_from_str(c, p->rpath));
	json_add(c, o, "runpath", json_from_str(c, p->runpath));
	json_add(c, o, "elf", p->elf_ok ? json_of_elf(c, &p->elf) : json_null());
	for (size_t i = 0; p->fates && i < lb->n_syms; i++) {
		json_t *so = json_new_object(c);
		json_add(c, so, "symbol", json_from_str(c, lb->syms[i].name));
		json_add(c, so, "place", json_from_name(c, libbuild_place_name(p->fates[i].place)));
		json_add(c, so, "section", json_from_str(c, p->fates[i].section));
		json_add(c, so, "relocation", json_from_str(c, p->fates[i].reloc));
		json_append(c, syms, so);
	}
	json_add(c, o, "library_symbols", syms);
	for (size_t i = 0; i < p->n_load; i++) {
		const struct libbuild_load *l = &p->load[i];
		const struct libbuild_lookup *lk = libbuild_lookup(lb, l);
		json_t *lo = json_new_object(c);
		json_add(c, lo, "ld_library_path", json_from_str(c, l->ld_library_path));
		json_add(c, lo, "ldd", json_of_run(c, &l->ldd));
		json_add(c, lo, "run", json_of_run(c, &l->run));
		json_add(c, lo, "found", lk ? json_from_str(c, lk->path) : json_null());
		json_add(c, lo, "found_via", lk && lk->path ?
			 json_from_name(c, libbuild_via_name(lk->via)) : json_null());
		json_append(c, loads, lo);
	}
	json_add(c, o, "loads", loads);
	char buf[4096];
	json_add(c, o, "explain", json_from_str(c, libbuild_explain(lb, k, buf, sizeof buf)));
	return o;
}

/* With several sources: the others as libX.a and libX.so, and the program against each. */
static json_t *json_of_library(struct json_ctx *c)
{
	const struct walk *w = c->w;
	const struct libbuild *lb = &w->lib;
	json_t *o = json_new_object(c);
	enum run_state st = walk_state(&w->lib_run);
	json_add(c, o, "state", json_from_name(c, json_state_name(st)));
	json_add(c, o, "skip_reason",
		 json_from_str(c, st == RUN_SKIPPED ? w->lib_run.skip_reason_en : NULL));
	json_add(c, o, "error", json_from_str(c, st == RUN_FAILED ? lb->error : NULL));
	if (st == RUN_SKIPPED)
		return o;
	json_t *cc = json_new_array(c), *progs = json_new_array(c);
	json_add(c, o, "name", json_from_str(c, lb->libname));
	for (size_t i = 0; i < lb->n_objs; i++)
		json_append(c, cc, json_of_run(c, &lb->objs[i].cc));
	json_add(c, o, "compiles", cc);
	json_add(c, o, "archive", json_from_str(c, lb->archive));
	json_add(c, o, "archive_size",
		 lb->archive_size >= 0 ? json_from_int(c, lb->archive_size) : json_null());
	json_add(c, o, "ar", json_of_run(c, &lb->ar));
	json_add(c, o, "shared", json_from_str(c, lb->shared));
	json_add(c, o, "shared_size",
		 lb->shared_size >= 0 ? json_from_int(c, lb->shared_size) : json_null());
	json_add(c, o, "shared_link", json_of_run(c, &lb->so));
	json_add(c, o, "soname", json_from_str(c, lb->soname));
	for (int k = 0; k < LIBBUILD_COUNT; k++)
		json_append(c, progs, json_of_libprog(c, lb, (enum libbuild_kind)k));
	json_add(c, o, "programs", progs);
	return o;
}

/* How the variant's run was confined (stages/jail.h), in English. */
static json_t *json_of_confinement(struct json_ctx *c, const struct jail *j,
				   const struct link_variant *v)
{
	json_t *o = json_new_object(c);
	json_add(c, o, "mode", json_from_name(c, jail_mode_name(j->mode)));
	json_add(c, o, "landlock_abi", j->mode == JAIL_LANDLOCK ? json_from_int(c, j->landlock_abi) :
		 json_null());
	char *how = jail_say(j, 1), *why = jail_explain(j, &v->run, v->run_left, 1);
	json_add(c, o, "summary", json_from_str(c, how));
	json_add(c, o, "explanation", json_from_str(c, why));
	free(how);
	free(why);
	json_t *left = json_new_array(c);
	for (const char *p = v->run_left; p && *p;) {
		size_t n = strcspn(p, "\n");
		if (*p != '+')
			json_append(c, left, json_from_text(c, p, n));
		p += n + (p[n] == '\n');
	}
	json_add(c, o, "vanished", left);
	return o;
}

static json_t *json_of_variant(struct json_ctx *c, const struct link_variant *v,
			       const struct jail *w_jail)
{
	json_t *o = json_new_object(c);
	int linked = walk_state(&v->link) == RUN_OK;
	json_add(c, o, "kind", json_from_name(c, walk_link_name(v->kind)));
	json_add(c, o, "title", json_from_name(c, walk_link_title_en(v->kind)));
	json_add_stage_run(c, o, &v->link);
	json_add(c, o, "elf", linked && v->elf_ok ? json_of_elf(c, &v->elf) : json_null());
	json_add(c, o, "elf_error",
		 json_from_str(c, linked && !v->elf_ok && v->elf.error_en[0] ? v->elf.error_en : NULL));
	json_add(c, o, "ldd", linked ? json_of_run(c, &v->ldd) : json_null());
	json_add(c, o, "run", linked ? json_of_run(c, &v->run) : json_null());
	json_add(c, o, "confinement", linked && w_jail->probed ? json_of_confinement(c, w_jail, v) :
		 json_null());
	json_add(c, o, "empty_root", linked ? json_of_empty_root(c, v) : json_null());
	json_add(c, o, "link_map", linked && v->map_ok ? json_of_linkmap(c, &v->map) : json_null());
	json_add(c, o, "libraries", linked ? json_of_libraries(c, v) : json_null());
	json_add(c, o, "resolved", linked ? json_of_resolved(c, v) : json_null());
	json_add(c, o, "messages_explained", json_of_linkmsgs(c, v));
	/* the dynamic link: -lNAME on the command that NEEDED leaves out */
	json_t *dropped = json_new_array(c);
	for (size_t i = 0; linked && i < v->n_dropped; i++)
		json_append(c, dropped, json_from_str(c, v->dropped[i]));
	json_add(c, o, "needed_dropped", dropped);
	json_add(c, o, "gcc_passes_as_needed",
		 linked && v->n_dropped ? json_boolean(v->as_needed) : json_null());
	return o;
}

/* The lines of the source that a false #if left out of the .i, as runs {first, last}: the
 * report's inference (ppmap_inactive_lines) on the same map. null when the source cannot be
 * read again. */
static json_t *json_of_inactive(struct json_ctx *c, const struct ppmap *pp)
{
	size_t len = 0, n_src = 0;
	char *src = files_slurp(c->w->src_abs, 0, &len, NULL);
	unsigned char *off = src ? ppmap_inactive_lines(pp, src, strlen(src), &n_src) : NULL;
	free(src);
	if (!off)
		return json_null();
	json_t *a = json_new_array(c);
	for (size_t l = 1; l <= n_src; l++) {
		if (!off[l] || off[l - 1])
			continue;
		size_t e = l;
		while (e + 1 <= n_src && off[e + 1])
			e++;
		json_t *r = json_new_object(c);
		json_add(c, r, "first", json_from_u64(c, l));
		json_add(c, r, "last", json_from_u64(c, e));
		json_append(c, a, r);
	}
	free(off);
	return a;
}

/* What the .i's linemarkers say: where its lines came from, the include tree, and which .i
 * lines each line of the source became. */
static json_t *json_of_linemarkers(struct json_ctx *c, const struct ppmap *pp)
{
	json_t *o = json_new_object(c), *tree = json_new_array(c), *map = json_new_array(c);
	size_t text = pp->n_lines - pp->n_markers, own = pp->n_nodes ? pp->nodes[0].own_lines : 0;
	json_add(c, o, "lines", json_from_u64(c, pp->n_lines));
	json_add(c, o, "markers", json_from_u64(c, pp->n_markers));
	json_add(c, o, "main_file", json_from_str(c, pp->main_file >= 0 ?
				  ppmap_file_name(pp, pp->main_file) : NULL));
	json_add(c, o, "source_lines", json_from_u64(c, own));
	size_t headers = text >= own + pp->prelude_lines ? text - own - pp->prelude_lines : 0;
	json_add(c, o, "header_lines", json_from_u64(c, headers));
	json_add(c, o, "prelude_lines", json_from_u64(c, pp->prelude_lines));
	for (size_t i = 0; i < pp->n_nodes; i++) {
		const struct ppmap_node *n = &pp->nodes[i];
		json_t *x = json_new_object(c);
		const char *file = n->file >= 0 ? ppmap_file_name(pp, n->file) : NULL;
		json_add(c, x, "file", json_from_str(c, file));
		json_add(c, x, "parent", json_from_index(c, n->parent));
		json_add(c, x, "from_line", n->from_line > 0 ? json_from_int(c, n->from_line) :
			 json_null());
		json_add(c, x, "depth", json_from_int(c, n->depth));
		json_add(c, x, "system", json_boolean(n->system));
		json_add(c, x, "command_line", json_boolean(n->cmdline));
		json_add(c, x, "first", json_from_u64(c, n->first));
		json_add(c, x, "last", json_from_u64(c, n->last));
		json_add(c, x, "own_lines", json_from_u64(c, n->own_lines));
		json_add(c, x, "total_lines", json_from_u64(c, n->total_lines));
		json_append(c, tree, x);
	}
	json_add(c, o, "include_tree", tree);
	for (long line = 1; line <= pp->main_max_line; line++) {
		struct ppmap_range r[64];
		size_t n = ppmap_main_ranges(pp, line, r, sizeof r / sizeof *r);
		/* a line that became more runs than fit is asked again with room for all */
		struct ppmap_range *all = n > sizeof r / sizeof *r ? malloc(n * sizeof *all) : r;
		if (!all) {
			c->failed = 1;
			break;
		}
		if (all != r)
			ppmap_main_ranges(pp, line, all, n);
		for (size_t k = 0; k < n; k++) {
			json_t *x = json_new_object(c);
			json_add(c, x, "line", json_from_int(c, line));
			json_add(c, x, "first", json_from_u64(c, all[k].first));
			json_add(c, x, "count", json_from_u64(c, all[k].count));
			json_append(c, map, x);
		}
		if (all != r)
			free(all);
	}
	json_add(c, o, "source_map", map);
	json_add(c, o, "inactive_lines", json_of_inactive(c, pp));
	return o;
}

/* The names of asmmap's kinds of lines, as keys. */
static const char *const json_asm_kinds[ASMMAP_KIND_COUNT] = {
	[ASMMAP_BLANK] = "blank",	  [ASMMAP_LABEL] = "label",
	[ASMMAP_INSN] = "instruction",	  [ASMMAP_LOC] = "line_table",
	[ASMMAP_CFI] = "call_frame_info", [ASMMAP_DEBUG] = "debug_info",
	[ASMMAP_SYMBOL] = "symbol",	  [ASMMAP_SECTION] = "section",
	[ASMMAP_DATA] = "data",		  [ASMMAP_OTHER] = "other",
};

/* The kinds of clone in a function's name, as words. */
static json_t *json_of_clones(struct json_ctx *c, unsigned clone)
{
	static const struct {
		unsigned bit;
		const char *name;
	} kinds[] = {
		{ ASMMAP_CLONE_CONSTPROP, "constprop" }, { ASMMAP_CLONE_ISRA, "isra" },
		{ ASMMAP_CLONE_PART, "part" },		 { ASMMAP_CLONE_COLD, "cold" },
		{ ASMMAP_CLONE_LTO_PRIV, "lto_priv" },
	};
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (clone & kinds[i].bit)
			json_append(c, a, json_from_name(c, kinds[i].name));
	return a;
}

/* The facts of the -g compile's .s: its lines by kind, source files, functions, data
 * objects, calls, and the runs of lines each source line became. */
static void json_add_asm(struct json_ctx *c, json_t *o, const struct asmmap *m)
{
	json_t *kinds = json_new_object(c), *files = json_new_array(c), *funcs = json_new_array(c);
	json_t *objs = json_new_array(c), *calls = json_new_array(c), *ranges = json_new_array(c);
	json_add(c, o, "lines", json_from_u64(c, m->n_lines));
	for (int k = 0; k < ASMMAP_KIND_COUNT; k++)
		json_add(c, kinds, json_asm_kinds[k], json_from_u64(c, m->n_kind[k]));
	json_add(c, o, "lines_by_kind", kinds);
	for (size_t i = 0; i < m->n_files; i++) {
		json_t *x = json_new_object(c);
		json_add(c, x, "path", json_from_str(c, m->files[i].path));
		json_add(c, x, "name", json_from_str(c, m->files[i].name));
		json_append(c, files, x);
	}
	json_add(c, o, "files", files);
	json_add(c, o, "primary_file", json_from_index(c, m->primary_file));
	for (size_t i = 0; i < m->n_funcs; i++) {
		const struct asmmap_func *f = &m->funcs[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "name", json_from_str(c, f->name));
		json_add(c, x, "base", json_from_str(c, f->base));
		json_add(c, x, "clone_kinds", json_of_clones(c, f->clone));
		json_add(c, x, "section", json_from_str(c, f->section));
		json_add(c, x, "first", json_from_u64(c, f->first));
		json_add(c, x, "last", json_from_u64(c, f->last));
		json_add(c, x, "global", json_boolean(f->global));
		json_add(c, x, "weak", json_boolean(f->weak));
		json_add(c, x, "hidden", json_boolean(f->hidden));
		json_append(c, funcs, x);
	}
	json_add(c, o, "functions", funcs);
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct asmmap_object *b = &m->objects[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "name", json_from_str(c, b->name));
		json_add(c, x, "section", json_from_str(c, b->section));
		json_add(c, x, "size", b->size_known ? json_from_u64(c, b->size) : json_null());
		json_add(c, x, "global", json_boolean(b->global));
		json_add(c, x, "weak", json_boolean(b->weak));
		json_add(c, x, "hidden", json_boolean(b->hidden));
		json_add(c, x, "common", json_boolean(b->common));
		json_add(c, x, "tls", json_boolean(b->tls));
		json_append(c, objs, x);
	}
	json_add(c, o, "objects", objs);
	for (size_t i = 0; i < m->n_calls; i++) {
		const struct asmmap_call *k = &m->calls[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "line", json_from_u64(c, k->line));
		json_add(c, x, "function", json_from_index(c, k->func));
		json_add(c, x, "target", json_from_str(c, k->target));
		json_add(c, x, "callee", json_from_index(c, k->callee));
		json_add(c, x, "tail", json_boolean(k->tail));
		json_add(c, x, "plt", json_boolean(k->plt));
		json_add(c, x, "got", json_boolean(k->got));
		json_add(c, x, "indirect", json_boolean(k->indirect));
		json_add(c, x, "file", json_from_index(c, k->file));
		json_add(c, x, "source_line", k->file >= 0 ? json_from_u64(c, k->src_line) :
			 json_null());
		json_append(c, calls, x);
	}
	json_add(c, o, "calls", calls);
	for (size_t i = 0; i < m->n_ranges; i++) {
		const struct asmmap_range *r = &m->ranges[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "file", json_from_int(c, r->file));
		json_add(c, x, "source_line", json_from_u64(c, r->line));
		json_add(c, x, "first", json_from_u64(c, r->first));
		json_add(c, x, "last", json_from_u64(c, r->last));
		json_append(c, ranges, x);
	}
	json_add(c, o, "ranges", ranges);
}

/* The kinds of place of stages/dwvars.h, as identifiers. */
static const char *const json_dwvars_where[DWVARS_WHERE_COUNT] = {
	[DWVARS_OPTIMIZED_OUT] = "optimized_out", [DWVARS_STACK] = "stack",
	[DWVARS_REG] = "register",		  [DWVARS_VALUE] = "value",
	[DWVARS_OTHER] = "pieces",
};

/* The learner's variables (stages/dwvars.h): each with its runs of -g .s lines in one place;
 * null until they are read. */
static json_t *json_of_variables(struct json_ctx *c)
{
	const struct walk *w = c->w;
	if (!walk_dwvars_ready(w))
		return json_null();
	const struct dwvars *d = &w->dwv;
	json_t *a = json_new_array(c);
	for (size_t v = 0; v < d->n_vars; v++) {
		const struct dwvars_var *dv = &d->vars[v];
		json_t *x = json_new_object(c), *places = json_new_array(c);
		json_add(c, x, "function", json_from_str(c, d->funcs[dv->func].name));
		json_add(c, x, "name", json_from_str(c, dv->name));
		json_add(c, x, "parameter", json_boolean(dv->param));
		json_add(c, x, "type", json_from_str(c, dv->type));
		json_add(c, x, "size", dv->size >= 0 ? json_from_int(c, dv->size) : json_null());
		json_add(c, x, "inlined_from", json_from_str(c, dv->inlined));
		json_add(c, x, "declared_line", dv->decl_line ? json_from_u64(c, dv->decl_line) :
			 json_null());
		for (size_t s = 0; s < d->n_spans; s++) {
			const struct dwvars_span *sp = &d->spans[s];
			if (sp->var != (int)v)
				continue;
			char at[64];
			json_t *p = json_new_object(c);
			int where = sp->at.where;
			json_add(c, p, "where", json_from_name(c, where >= 0 && where < DWVARS_WHERE_COUNT ?
								json_dwvars_where[where] : NULL));
			json_add(c, p, "operand", *dwvars_place_text(d, &sp->at, at, sizeof at) ?
				 json_from_str(c, at) : json_null());
			json_add(c, p, "register", where == DWVARS_STACK || where == DWVARS_REG ?
				 json_from_str(c, dwvars_reg_name(sp->at.reg, where == DWVARS_REG ?
								  dv->size : 8)) : json_null());
			json_add(c, p, "offset", where == DWVARS_STACK ? json_from_int(c, sp->at.off) :
				 json_null());
			json_add(c, p, "fbreg", where == DWVARS_STACK && sp->at.framed ?
				 json_from_int(c, sp->at.fbreg) : json_null());
			json_add(c, p, "first", json_from_u64(c, sp->first));
			json_add(c, p, "last", json_from_u64(c, sp->last));
			json_append(c, places, p);
		}
		json_add(c, x, "places", places);
		json_append(c, a, x);
	}
	return a;
}

/* The compile again with -g, whose .loc lines tie each instruction to its source line, and
 * what its .s says. */
static json_t *json_of_line_table(struct json_ctx *c)
{
	static const char *const asm_keys[] = { "lines", "lines_by_kind", "files", "primary_file",
						"functions", "objects", "calls", "ranges" };
	const struct walk *w = c->w;
	json_t *o = json_new_object(c);
	json_add_stage_run(c, o, &w->gline);
	if (walk_state(&w->gline) == RUN_OK && w->asmm_ok) {
		json_add_asm(c, o, &w->asmm);
	} else {
		for (size_t k = 0; k < sizeof asm_keys / sizeof *asm_keys; k++)
			json_add(c, o, asm_keys[k], json_null());
	}
	json_add(c, o, "variables", json_of_variables(c));
	return o;
}

/* Where libclang expects gcc to put a declaration's symbol, and why. */
static json_t *json_of_place(struct json_ctx *c, const struct cfacts_place *p)
{
	json_t *o = json_new_object(c);
	char nm[2] = { p->nm, '\0' };
	json_add(c, o, "section", json_from_str(c, p->section));
	json_add(c, o, "section_optimised", json_from_str(c, p->section_opt));
	json_add(c, o, "nm", json_from_str(c, p->nm ? nm : NULL));
	json_add(c, o, "may_vanish", json_boolean(p->may_vanish));
	json_add(c, o, "reason", json_from_str(c, p->reason));
	return o;
}

static const char *json_macro_origin(enum cfacts_macro_origin o)
{
	switch (o) {
	case CFACTS_MACRO_MAIN:
		return "main";
	case CFACTS_MACRO_HEADER:
		return "header";
	case CFACTS_MACRO_PREDEFINED:
		return "predefined";
	case CFACTS_MACRO_BUILTIN:
		return "builtin";
	}
	return "unknown";
}

static void json_add_macros(struct json_ctx *c, json_t *o, const struct cfacts *cf)
{
	json_t *defs = json_new_array(c), *uses = json_new_array(c);
	for (size_t i = 0; i < cf->n_defs; i++) {
		const struct cfacts_macro_def *d = &cf->defs[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "name", json_from_str(c, d->name));
		json_add(c, x, "line", json_from_u64(c, d->line));
		json_add(c, x, "column", json_from_u64(c, d->col));
		json_add(c, x, "function_like", json_boolean(d->function_like));
		json_append(c, defs, x);
	}
	json_add(c, o, "macros", defs);
	for (size_t i = 0; i < cf->n_exps; i++) {
		const struct cfacts_macro_exp *e = &cf->exps[i];
		json_t *x = json_new_object(c);
		int here = e->origin == CFACTS_MACRO_MAIN;
		int header = e->origin == CFACTS_MACRO_HEADER;
		json_add(c, x, "name", json_from_str(c, e->name));
		json_add(c, x, "line", json_from_u64(c, e->line));
		json_add(c, x, "column", json_from_u64(c, e->col));
		json_add(c, x, "directive", json_boolean(e->directive));
		json_add(c, x, "origin", json_from_name(c, json_macro_origin(e->origin)));
		json_add(c, x, "definition", json_from_index(c, here ? e->def : -1));
		json_add(c, x, "definition_file", json_from_str(c, header ? e->def_file : NULL));
		json_add(c, x, "definition_line",
			 here || header ? json_from_u64(c, e->def_line) : json_null());
		json_append(c, uses, x);
	}
	json_add(c, o, "macro_uses", uses);
}

static json_t *json_of_cfuncs(struct json_ctx *c, const struct cfacts *cf)
{
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < cf->n_funcs; i++) {
		const struct cfacts_func *f = &cf->funcs[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "name", json_from_str(c, f->name));
		json_add(c, x, "line", json_from_u64(c, f->line));
		json_add(c, x, "column", json_from_u64(c, f->col));
		json_add(c, x, "is_definition", json_boolean(f->is_definition));
		json_add(c, x, "linkage", json_from_name(c, cfacts_linkage_name_en(f->linkage)));
		json_add(c, x, "storage", json_from_name(c, cfacts_storage_name(f->storage)));
		json_add(c, x, "inline", json_boolean(f->inlined));
		json_add(c, x, "variadic", json_boolean(f->variadic));
		json_add(c, x, "referenced", json_boolean(f->referenced));
		json_add(c, x, "symbol", json_from_str(c, f->mangled));
		json_add(c, x, "body_first", f->body_first ? json_from_u64(c, f->body_first) :
			 json_null());
		json_add(c, x, "body_last", f->body_last ? json_from_u64(c, f->body_last) :
			 json_null());
		json_add(c, x, "place", json_of_place(c, &f->place));
		json_append(c, a, x);
	}
	return a;
}

static json_t *json_of_cvars(struct json_ctx *c, const struct cfacts *cf)
{
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < cf->n_vars; i++) {
		const struct cfacts_var *v = &cf->vars[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "name", json_from_str(c, v->name));
		json_add(c, x, "line", json_from_u64(c, v->line));
		json_add(c, x, "column", json_from_u64(c, v->col));
		json_add(c, x, "linkage", json_from_name(c, cfacts_linkage_name_en(v->linkage)));
		json_add(c, x, "storage", json_from_name(c, cfacts_storage_name(v->storage)));
		json_add(c, x, "file_scope", json_boolean(v->file_scope));
		json_add(c, x, "static_local", json_boolean(v->static_local));
		json_add(c, x, "is_definition", json_boolean(v->is_definition));
		json_add(c, x, "tentative", json_boolean(v->tentative));
		json_add(c, x, "has_init", json_boolean(v->has_init));
		json_add(c, x, "init_zero", v->init_zero < 0 ? json_null() :
			 json_boolean(v->init_zero));
		json_add(c, x, "const", json_boolean(v->is_const));
		json_add(c, x, "volatile", json_boolean(v->is_volatile));
		json_add(c, x, "thread_local", json_boolean(v->thread_local));
		json_add(c, x, "referenced", json_boolean(v->referenced));
		json_add(c, x, "place", json_of_place(c, &v->place));
		json_append(c, a, x);
	}
	return a;
}

static json_t *json_of_ccalls(struct json_ctx *c, const struct cfacts *cf)
{
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < cf->n_calls; i++) {
		const struct cfacts_call *k = &cf->calls[i];
		int fmt = k->fmt_arg >= 0;
		json_t *x = json_new_object(c);
		json_add(c, x, "callee", json_from_str(c, k->callee));
		json_add(c, x, "line", json_from_u64(c, k->line));
		json_add(c, x, "column", json_from_u64(c, k->col));
		json_add(c, x, "caller", json_from_str(c, k->caller));
		json_add(c, x, "arguments", json_from_u64(c, k->nargs));
		json_add(c, x, "value_used", json_boolean(k->value_used));
		json_add(c, x, "no_builtin", json_boolean(k->no_builtin));
		json_add(c, x, "format_argument", json_from_index(c, k->fmt_arg));
		json_add(c, x, "format", json_from_str(c, fmt ? k->fmt : NULL));
		json_add(c, x, "next_string", json_from_str(c, fmt ? k->next_str : NULL));
		json_add(c, x, "next_is_int", fmt ? json_boolean(k->next_is_int) : json_null());
		json_add(c, x, "next_is_pointer", fmt ? json_boolean(k->next_is_ptr) : json_null());
		json_append(c, a, x);
	}
	return a;
}

static json_t *json_of_cstrings(struct json_ctx *c, const struct cfacts *cf)
{
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < cf->n_strings; i++) {
		const struct cfacts_string *s = &cf->strings[i];
		json_t *x = json_new_object(c);
		json_add(c, x, "line", json_from_u64(c, s->line));
		json_add(c, x, "column", json_from_u64(c, s->col));
		json_add(c, x, "text", json_from_str(c, s->text));
		json_add(c, x, "bytes", json_from_u64(c, s->bytes));
		json_add(c, x, "width", json_from_int(c, s->width));
		json_add(c, x, "place", json_of_place(c, &s->place));
		json_append(c, a, x);
	}
	return a;
}

static json_t *json_of_diagnostics(struct json_ctx *c, const struct cfacts *cf)
{
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < cf->n_diags; i++) {
		const struct cfacts_diag *d = &cf->diags[i];
		json_t *x = json_new_object(c), *fixits = json_new_array(c);
		json_add(c, x, "severity", json_from_name(c, cfacts_severity_name_en(d->severity)));
		json_add(c, x, "file", json_from_str(c, d->file));
		json_add(c, x, "line", d->file ? json_from_u64(c, d->line) : json_null());
		json_add(c, x, "column", d->file ? json_from_u64(c, d->col) : json_null());
		json_add(c, x, "in_main", json_boolean(d->in_main));
		json_add(c, x, "message", json_from_str(c, d->message));
		json_add(c, x, "option", json_from_str(c, d->option));
		for (size_t k = 0; k < d->n_fixits; k++) {
			const struct cfacts_fixit *fx = &d->fixits[k];
			json_t *y = json_new_object(c);
			json_add(c, y, "text", json_from_str(c, fx->text));
			json_add(c, y, "line", json_from_u64(c, fx->line));
			json_add(c, y, "column", json_from_u64(c, fx->col));
			json_add(c, y, "end_line", json_from_u64(c, fx->end_line));
			json_add(c, y, "end_column", json_from_u64(c, fx->end_col));
			json_append(c, fixits, y);
		}
		json_add(c, x, "fixits", fixits);
		json_append(c, a, x);
	}
	return a;
}

/* libclang's view of the source, parsed beside gcc: macros, declarations, calls, string
 * literals and its own diagnostics. */
static json_t *json_of_clang(struct json_ctx *c)
{
	static const char *const keys[] = { "parse_ms", "main_file", "pic", "macros", "macro_uses",
					    "functions", "variables", "calls", "strings",
					    "diagnostics" };
	const struct walk *w = c->w;
	enum run_state st = walk_state(&w->clang);
	json_t *o = json_new_object(c);
	json_add(c, o, "state", json_from_name(c, json_state_name(st)));
	json_add(c, o, "skip_reason", json_from_str(c, st == RUN_SKIPPED ? w->clang.skip_reason_en :
						       NULL));
	if (st != RUN_OK) {
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			json_add(c, o, keys[k], json_null());
		return o;
	}
	const struct cfacts *cf = &w->cf;
	json_t *ms = json_real((double)(long long)(cf->parse_ms * 1000 + 0.5) / 1000);
	if (!ms)
		c->failed = 1;
	json_add(c, o, "parse_ms", ms);
	json_add(c, o, "main_file", json_from_str(c, cf->main_file));
	json_add(c, o, "pic", json_boolean(cf->pic));
	json_add_macros(c, o, cf);
	json_add(c, o, "functions", json_of_cfuncs(c, cf));
	json_add(c, o, "variables", json_of_cvars(c, cf));
	json_add(c, o, "calls", json_of_ccalls(c, cf));
	json_add(c, o, "strings", json_of_cstrings(c, cf));
	json_add(c, o, "diagnostics", json_of_diagnostics(c, cf));
	return o;
}

/* "a, b" (fates' list of clone names, NULL for none) as an array. */
static json_t *json_of_name_list(struct json_ctx *c, const char *list)
{
	json_t *a = json_new_array(c);
	for (const char *p = list ? list : ""; *p;) {
		const char *comma = strstr(p, ", ");
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		json_append(c, a, json_from_text(c, p, n));
		p += n + (comma ? 2 : 0);
	}
	return a;
}

/* What gcc did with each function and call of the source: libclang's view against the .s. */
static json_t *json_of_fates(struct json_ctx *c)
{
	const struct walk *w = c->w;
	if (!walk_fates_ready(w))
		return json_null();
	const struct fates *ft = &w->fates;
	json_t *o = json_new_object(c), *funcs = json_new_array(c), *calls = json_new_array(c);
	for (size_t i = 0; i < ft->n_funcs; i++) {
		const struct fates_func *f = &ft->funcs[i];
		json_t *x = json_new_object(c);
		long fi = -1;
		if (f->cf >= w->cf.funcs && f->cf < w->cf.funcs + w->cf.n_funcs)
			fi = f->cf - w->cf.funcs;
		json_add(c, x, "function", json_from_index(c, fi));
		json_add(c, x, "name", json_from_str(c, f->cf->name));
		json_add(c, x, "line", json_from_u64(c, f->cf->line));
		json_add(c, x, "kind", json_from_name(c, fates_func_name_en(f->kind)));
		json_add(c, x, "section", json_from_str(c, f->section));
		json_add(c, x, "clones", json_of_name_list(c, f->clones));
		json_add(c, x, "why", json_from_str(c, f->why));
		json_append(c, funcs, x);
	}
	json_add(c, o, "functions", funcs);
	for (size_t i = 0; i < ft->n_calls; i++) {
		const struct fates_call *k = &ft->calls[i];
		json_t *x = json_new_object(c);
		long ci = -1;
		if (k->cf >= w->cf.calls && k->cf < w->cf.calls + w->cf.n_calls)
			ci = k->cf - w->cf.calls;
		json_add(c, x, "call", json_from_index(c, ci));
		json_add(c, x, "callee", json_from_str(c, k->cf->callee));
		json_add(c, x, "caller", json_from_str(c, k->cf->caller));
		json_add(c, x, "line", json_from_u64(c, k->cf->line));
		json_add(c, x, "kind", json_from_name(c, fates_call_name_en(k->kind)));
		json_add(c, x, "now", json_from_str(c, k->now));
		json_add(c, x, "s_line", k->s_line ? json_from_u64(c, k->s_line) : json_null());
		json_add(c, x, "why", json_from_str(c, k->why));
		json_append(c, calls, x);
	}
	json_add(c, o, "calls", calls);
	json_add(c, o, "rewritten", json_from_u64(c, ft->n_rewritten));
	json_add(c, o, "inlined", json_from_u64(c, ft->n_inlined));
	return o;
}

static json_t *json_of_source(struct json_ctx *c)
{
	const struct walk *w = c->w;
	json_t *o = json_new_object(c);
	json_add(c, o, "path", json_from_str(c, w->src_path));
	json_add(c, o, "absolute_path", json_from_str(c, w->src_abs));
	json_add(c, o, "name", json_from_str(c, w->base));
	json_add(c, o, "named_c", json_boolean(!w->not_c));
	return o;
}

static json_t *json_of_options(struct json_ctx *c)
{
	const struct walk_opts *op = &c->w->opts;
	json_t *o = json_new_object(c), *args = json_new_array(c);
	json_add(c, o, "cc", json_from_str(c, op->cc ? op->cc : "gcc"));
	json_add(c, o, "musl_cc", json_from_str(c, op->musl_cc ? op->musl_cc : "musl-gcc"));
	for (size_t i = 0; i < op->n_link_args; i++)
		json_append(c, args, json_from_str(c, op->link_args[i]));
	json_add(c, o, "link_args", args);
	json_add(c, o, "opt_level", json_from_str(c, op->opt_level));
	json_add(c, o, "compare_level", json_from_str(c, op->compare_level));
	/* --arg and --stdin: what every run of the program got (version 4) */
	json_t *run_args = json_new_array(c);
	for (size_t i = 0; i < op->n_run_args; i++)
		json_append(c, run_args, json_from_str(c, op->run_args[i]));
	json_add(c, o, "args", run_args);
	json_add(c, o, "stdin", json_from_str(c, walk_run_input(c->w)));
	json_add(c, o, "run_timeout_ms", json_from_int(c, op->run_timeout_ms));
	json_add(c, o, "tool_timeout_ms", json_from_int(c, op->tool_timeout_ms));
	json_add(c, o, "no_clang", json_boolean(op->no_clang));
	return o;
}

static json_t *json_of_stage(struct json_ctx *c, enum stage_id id)
{
	json_t *o = json_new_object(c);
	json_add(c, o, "name", json_from_name(c, walk_stage_name(id)));
	json_add(c, o, "title", json_from_name(c, walk_stage_title_en(id)));
	json_add_stage_run(c, o, &c->w->stage[id]);
	if (id == STAGE_PREPROCESS)
		json_add(c, o, "linemarkers", c->w->pp_ok ? json_of_linemarkers(c, &c->w->pp) :
			 json_null());
	if (id == STAGE_COMPILE) {
		json_add(c, o, "line_table", json_of_line_table(c));
		json_add(c, o, "fates", json_of_fates(c));
	}
	return o;
}

/* One function at one level of the comparison. */
static json_t *json_of_cmp_side(struct json_ctx *c, const struct ocmp *cm, int k,
				const struct ocmp_side *s)
{
	json_t *o = json_new_object(c), *names = json_new_array(c), *inl = json_new_array(c);
	json_t *vec = json_new_array(c), *tail = json_new_array(c);
	json_add(c, o, "level", json_from_name(c, cm->lv[k].flag));
	json_add(c, o, "present", json_boolean(s->present));
	for (size_t i = 0; i < s->n_names; i++)
		json_append(c, names, json_from_str(c, s->names[i]));
	json_add(c, o, "names", names);
	json_add(c, o, "section", json_from_str(c, s->section));
	json_add(c, o, "instructions", s->present ? json_from_int(c, (long long)s->n_insn) :
		 json_null());
	for (size_t i = 0; i < s->n_inl; i++) {
		json_t *x = json_new_object(c);
		json_add(c, x, "callee", json_from_str(c, s->inl[i].callee));
		json_add(c, x, "where", json_from_str(c, s->inl[i].where));
		json_add(c, x, "call_at_other_level", json_boolean(s->inl[i].call_at_other));
		json_append(c, inl, x);
	}
	json_add(c, o, "inlined_calls", inl);
	for (size_t i = 0; i < s->n_vec; i++) {
		json_t *x = json_new_object(c);
		json_add(c, x, "where", json_from_str(c, s->vec[i].vec->where));
		json_add(c, x, "line", json_from_int(c, s->vec[i].vec->line));
		json_add(c, x, "report", json_from_str(c, s->vec[i].vec->text));
		json_append(c, vec, x);
	}
	json_add(c, o, "vectorized_loops", vec);
	for (size_t i = 0; i < s->n_tail; i++) {
		json_t *x = json_new_object(c);
		json_add(c, x, "callee", json_from_str(c, s->tail[i].callee));
		json_add(c, x, "line", json_from_int(c, s->tail[i].line));
		json_add(c, x, "call_at_other_level", json_boolean(s->tail[i].call_at_other));
		json_append(c, tail, x);
	}
	json_add(c, o, "tail_calls", tail);
	json_add(c, o, "inlined_into", json_from_str(c, s->inlined_into));
	json_add(c, o, "inlined_where", json_from_str(c, s->inlined_where));
	return o;
}

/* --compare: the two levels side by side; null when not asked. */
static json_t *json_of_compare(struct json_ctx *c)
{
	const struct ocmp_run *r = walk_compare(c->w, c->w->opts.compare_level);
	if (!r || !ocmp_run_finished(r))
		return json_null();
	json_t *o = json_new_object(c), *lv = json_new_array(c), *runs = json_new_array(c);
	json_t *funcs = json_new_array(c);
	for (int k = 0; k < 2; k++)
		json_append(c, lv, json_from_name(c, r->flag[k] ? r->flag[k] : "-O0"));
	json_add(c, o, "levels", lv);
	json_add(c, o, "ok", json_boolean(r->ok));
	json_add(c, o, "error", json_from_str(c, ocmp_run_why(r, 1)));
	for (int k = 0; k < 2; k++) {
		json_t *x = json_new_object(c);
		json_add(c, x, "level", json_from_name(c, r->flag[k] ? r->flag[k] : "-O0"));
		json_add(c, x, "artifact", json_from_str(c, r->file[k]));
		json_add(c, x, "inline_report", json_from_str(c, r->report[k]));
		json_add(c, x, "vectorizer_report", json_from_str(c, r->vect[k]));
		json_add_run(c, x, &r->proc[k]);
		json_append(c, runs, x);
	}
	json_add(c, o, "compiles", runs);
	char notes[4096];
	for (size_t i = 0; r->ok && i < r->cmp.n_funcs; i++) {
		const struct ocmp_func *f = &r->cmp.funcs[i];
		json_t *x = json_new_object(c), *sides = json_new_array(c), *nl = json_new_array(c);
		json_add(c, x, "name", json_from_str(c, f->name));
		for (int k = 0; k < 2; k++)
			json_append(c, sides, json_of_cmp_side(c, &r->cmp, k, &f->side[k]));
		json_add(c, x, "levels", sides);
		json_add(c, x, "rows", json_from_int(c, (long long)f->n_rows));
		json_add(c, x, "rows_same", json_from_int(c, (long long)f->n_same));
		ocmp_say_func(&r->cmp, f, 1, notes, sizeof notes);
		for (char *p = notes, *e; *p; p = e + 1) {
			e = strchr(p, '\n');
			if (!e)
				break;
			json_append(c, nl, json_from_text(c, p, (size_t)(e - p)));
		}
		json_add(c, x, "notes", nl);
		json_append(c, funcs, x);
	}
	json_add(c, o, "functions", funcs);
	return o;
}

static json_t *json_of_walk(struct json_ctx *c)
{
	const struct walk *w = c->w;
	json_t *root = json_new_object(c), *stages = json_new_array(c), *link = json_new_array(c);
	json_add(c, root, "version", json_from_int(c, JSON_FORMAT_VERSION));
	json_add(c, root, "program", json_from_name(c, "lesson"));
	json_add(c, root, "package_version", json_from_name(c, PACKAGE_VERSION));
	json_add(c, root, "source", json_of_source(c));
	json_add(c, root, "options", json_of_options(c));
	json_add(c, root, "directory", json_from_str(c, w->dir));
	for (int id = STAGE_PREPROCESS; id < STAGE_LINK; id++)
		json_append(c, stages, json_of_stage(c, (enum stage_id)id));
	json_add(c, root, "stages", stages);
	json_add(c, root, "clang", json_of_clang(c));
	json_add(c, root, "object", json_of_object_file(c));
	for (int k = 0; k < LINK_COUNT; k++)
		json_append(c, link, json_of_variant(c, &w->variant[k], &w->jail));
	json_add(c, root, "link", link);
	json_add(c, root, "library", json_of_library(c));
	json_add(c, root, "compare", json_of_compare(c));
	json_add(c, root, "run", json_of_run5(c));
	return root;
}

int json_write_walk(FILE *out, const struct walk *w)
{
	if (!walk_is_done(w)) {
		errno = EINVAL;
		return -1;
	}
	struct json_ctx c = { .w = w };
	json_t *root = json_of_walk(&c);
	if (!root || c.failed) {
		json_decref(root);
		errno = ENOMEM;
		return -1;
	}
	errno = 0;
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
					       JSON_REAL_PRECISION(15));
	int saved = errno;
	json_decref(root);
	errno = saved;
	if (rc == 0)
		fputc('\n', out);
	if (fflush(out) != 0 || ferror(out) || rc != 0) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}
