/* json_run: the walk's stage 5 as the JSON's "run" object. See json.h and lesson(1). */
#include "config.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages/interpose.h"
#include "stages/symbols.h"
#include "stages/writers/json.h"
#include "stages/writers/json_int.h"

static json_t *jrun_bool(struct json_ctx *c, int b)
{
	json_t *v = json_boolean(b);
	if (!v)
		c->failed = 1;
	return v;
}

/* "e8 00 00 00 00", as objdump -d prints an instruction's bytes. */
static json_t *jrun_bytes(struct json_ctx *c, const unsigned char *b, unsigned n)
{
	char buf[RELOCS_MAX_INSN * 3 + 1];
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < n && o + 4 < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%02x", i ? " " : "", b[i]);
	return json_from_name(c, buf);
}

static json_t *jrun_says(struct json_ctx *c, char *const *says, size_t n)
{
	json_t *a = json_new_array(c);
	for (size_t i = 0; i < n; i++)
		json_append(c, a, json_from_str(c, says[i]));
	return a;
}

static const char *const jrun_via[] = { "none", "direct", "plt", "iplt", "copy", "got",
					"relaxed", "absolute", "tpoff" };

static json_t *jrun_fill(struct json_ctx *c, const struct relocs *r, size_t k,
			 const struct relocs_fill *f)
{
	json_t *o = json_new_object(c);
	json_add(c, o, "program", json_from_name(c, r->labels[k]));
	json_add(c, o, "landed", jrun_bool(c, f->landed));
	json_add(c, o, "found", jrun_bool(c, f->found));
	json_add(c, o, "via", json_from_name(c, f->via >= 0 && f->via < (int)(sizeof jrun_via /
					     sizeof *jrun_via) ? jrun_via[f->via] : "none"));
	if (f->found) {
		json_add(c, o, "section_address", json_from_u64(c, f->base));
		json_add(c, o, "place", json_from_u64(c, f->place));
		json_add(c, o, "instruction_address", json_from_u64(c, f->insn_addr));
		json_add(c, o, "bytes", jrun_bytes(c, f->bytes, f->n_bytes));
		json_add(c, o, "stored", json_from_int(c, f->stored));
		json_add(c, o, "target", json_from_u64(c, f->target));
		json_add(c, o, "computed", json_from_int(c, f->computed));
		json_add(c, o, "checked", jrun_bool(c, f->checked));
		json_add(c, o, "target_name", json_from_str(c, f->target_name));
		json_add(c, o, "member", json_from_str(c, f->member));
		json_add(c, o, "plt_index", f->via == RELOCS_VIA_PLT ? json_from_int(c, f->plt_index)
								    : json_null());
		json_add(c, o, "slot", f->slot ? json_from_u64(c, f->slot) : json_null());
		json_add(c, o, "slot_type", json_from_name(c, f->slot_type ?
			 symbols_reloc_type_name(EM_X86_64, f->slot_type) : NULL));
		json_add(c, o, "relaxed", jrun_bool(c, f->relaxed));
		json_add(c, o, "merged", jrun_bool(c, f->merged));
	}
	json_add(c, o, "text", json_from_str(c, f->text_en));
	return o;
}

static json_t *jrun_relocs(struct json_ctx *c, const struct relocs *r, int ok)
{
	json_t *o = json_new_object(c);
	json_add(c, o, "ok", jrun_bool(c, ok));
	json_add(c, o, "error", json_from_str(c, !ok && r->error[0] ? r->error : NULL));
	if (!ok)
		return o;
	const char *obj = r->obj ? strrchr(r->obj, '/') : NULL;
	json_add(c, o, "object", json_from_str(c, obj ? obj + 1 : r->obj));
	json_t *progs = json_new_array(c), *rels = json_new_array(c), *oth = json_new_array(c);
	json_t *own = json_new_array(c);
	for (size_t k = 0; k < r->n_progs; k++) {
		json_append(c, progs, json_from_name(c, r->labels[k]));
		json_t *p = json_new_object(c);
		json_add(c, p, "program", json_from_name(c, r->labels[k]));
		json_add(c, p, "error", json_from_str(c, r->prog_error_en[k]));
		json_add(c, p, "count", json_from_u64(c, r->prog_relocs[k]));
		json_add(c, p, "for_the_object", json_from_u64(c, r->prog_relocs_ours[k]));
		json_add(c, p, "by_type", json_from_str(c, r->prog_list[k]));
		json_add(c, p, "text", json_from_str(c, r->prog_summary_en[k]));
		json_append(c, own, p);
	}
	for (size_t i = 0; i < r->n_relocs; i++) {
		const struct relocs_reloc *x = &r->relocs[i];
		json_t *e = json_new_object(c);
		json_add(c, e, "section", json_from_str(c, x->section));
		json_add(c, e, "offset", json_from_u64(c, x->offset));
		json_add(c, e, "type", json_from_name(c, symbols_reloc_type_name(EM_X86_64, x->type)));
		json_add(c, e, "symbol", json_from_str(c, x->symbol));
		json_add(c, e, "addend", json_from_int(c, x->addend));
		json_add(c, e, "call", jrun_bool(c, x->is_call));
		json_add(c, e, "file", json_from_str(c, x->file));
		json_add(c, e, "line", x->line ? json_from_int(c, x->line) : json_null());
		json_add(c, e, "s_line", x->s_line ? json_from_int(c, x->s_line) : json_null());
		json_add(c, e, "instruction_offset", json_from_index(c, x->insn_start));
		json_add(c, e, "bytes", x->insn_start >= 0 ? jrun_bytes(c, x->insn, x->insn_len)
							  : json_null());
		json_add(c, e, "instruction", json_from_str(c, x->insn_text));
		json_add(c, e, "string", json_from_str(c, x->string));
		json_add(c, e, "text", json_from_str(c, x->text_en));
		json_t *fills = json_new_array(c);
		for (size_t k = 0; k < r->n_progs; k++)
			json_append(c, fills, jrun_fill(c, r, k, &x->fill[k]));
		json_add(c, e, "programs", fills);
		json_append(c, rels, e);
	}
	for (size_t i = 0; i < r->n_others; i++) {
		json_t *e = json_new_object(c);
		json_add(c, e, "section", json_from_str(c, r->others[i].section));
		json_add(c, e, "count", json_from_u64(c, r->others[i].n));
		json_add(c, e, "text", json_from_str(c, r->others[i].text_en));
		json_append(c, oth, e);
	}
	json_add(c, o, "programs", progs);
	json_add(c, o, "relocations", rels);
	json_add(c, o, "elsewhere", oth);
	json_add(c, o, "program_relocations", own);
	return o;
}

static const char *const jrun_hop[] = { "entry", "call", "jmp", "got", "rdi" };

static json_t *jrun_segs(struct json_ctx *c, const struct segs *s, int ok)
{
	json_t *o = json_new_object(c);
	json_add(c, o, "error", json_from_str(c, ok ? NULL : s->error_en));
	if (!ok)
		return o;
	json_add(c, o, "elf_type", json_from_name(c, s->elf_type == ET_EXEC ? "EXEC" : "DYN"));
	json_add(c, o, "pie", jrun_bool(c, s->pie));
	json_add(c, o, "type_text", json_from_str(c, s->type_say_en));
	json_t *ph = json_new_array(c);
	for (size_t i = 0; i < s->n_ph; i++) {
		const struct segs_phdr *p = &s->ph[i];
		json_t *e = json_new_object(c), *secs = json_new_array(c);
		json_add(c, e, "type", json_from_name(c, p->type_name));
		json_add(c, e, "offset", json_from_u64(c, p->offset));
		json_add(c, e, "vaddr", json_from_u64(c, p->vaddr));
		json_add(c, e, "filesz", json_from_u64(c, p->filesz));
		json_add(c, e, "memsz", json_from_u64(c, p->memsz));
		json_add(c, e, "flags", json_from_name(c, p->flags_str));
		json_add(c, e, "align", json_from_u64(c, p->align));
		for (size_t j = 0; j < p->n_sections; j++)
			json_append(c, secs, json_from_str(c, p->sections[j]));
		json_add(c, e, "sections", secs);
		json_add(c, e, "interpreter", json_from_str(c, p->interp));
		json_add(c, e, "text", json_from_str(c, p->say_en));
		json_append(c, ph, e);
	}
	json_add(c, o, "headers", ph);
	json_add(c, o, "entry", json_from_u64(c, s->entry));
	json_add(c, o, "entry_symbol", json_from_str(c, s->entry_sym));
	json_t *path = json_new_array(c);
	for (size_t i = 0; i < s->n_path; i++) {
		const struct segs_hop *h = &s->path[i];
		json_t *e = json_new_object(c);
		json_add(c, e, "via", json_from_name(c, (unsigned)h->via < 5 ? jrun_hop[h->via] : "?"));
		json_add(c, e, "name", json_from_str(c, h->name));
		json_add(c, e, "address", h->addr ? json_from_u64(c, h->addr) : json_null());
		json_add(c, e, "instruction", h->insn ? json_from_u64(c, h->insn) : json_null());
		json_add(c, e, "slot", h->slot ? json_from_u64(c, h->slot) : json_null());
		json_append(c, path, e);
	}
	json_add(c, o, "path_to_main", path);
	json_add(c, o, "main_found", jrun_bool(c, s->main_found));
	json_add(c, o, "path_text", json_from_str(c, s->path_say_en));
	return o;
}

static const char *const jrun_ldkind[] = { "dynamic", "static-pie", "static", "musl-static" };

static json_t *jrun_ldrun(struct json_ctx *c, const struct ldtrace_run *r, int ran)
{
	if (!ran)
		return json_null();
	json_t *o = json_new_object(c), *libs = json_new_array(c), *binds = json_new_array(c);
	json_add(c, o, "bind_now", jrun_bool(c, r->bind_now));
	json_add(c, o, "run", json_of_run(c, &r->proc));
	json_add(c, o, "started", jrun_bool(c, r->started));
	for (size_t i = 0; i < r->n_libs; i++) {
		json_t *e = json_new_object(c);
		json_add(c, e, "name", json_from_str(c, r->libs[i].name));
		json_add(c, e, "found", json_from_str(c, r->libs[i].found));
		json_add(c, e, "via", json_from_name(c, ldtrace_via_name(r->libs[i].found_via)));
		json_add(c, e, "tried", json_from_u64(c, r->libs[i].n_tried));
		json_append(c, libs, e);
	}
	for (size_t i = 0; i < r->n_binds; i++) {
		const struct ldtrace_binding *b = &r->binds[i];
		json_t *e = json_new_object(c);
		json_add(c, e, "symbol", json_from_str(c, b->symbol));
		json_add(c, e, "from", json_from_str(c, b->from));
		json_add(c, e, "to", json_from_str(c, b->to));
		json_add(c, e, "version", json_from_str(c, b->version));
		json_add(c, e, "program", jrun_bool(c, b->program));
		json_add(c, e, "at_first_call", jrun_bool(c, b->after_start));
		json_add(c, e, "at_exit", jrun_bool(c, b->at_exit));
		json_append(c, binds, e);
	}
	json_add(c, o, "libraries", libs);
	json_add(c, o, "bindings", binds);
	json_t *st = json_null();
	if (r->st.have_startup) {
		st = json_new_object(c);
		json_add(c, st, "relocations", json_from_int(c, r->st.relocs));
		json_add(c, st, "relocations_from_cache", json_from_int(c, r->st.relocs_cache));
		json_add(c, st, "relative_relocations", json_from_int(c, r->st.relative));
		json_add(c, st, "startup_cycles", json_from_int(c, r->st.startup_cycles));
		json_add(c, st, "final_relocations", r->st.have_final ?
			 json_from_int(c, r->st.final_relocs) : json_null());
	}
	json_add(c, o, "statistics", st);
	return o;
}

static json_t *jrun_ld(struct json_ctx *c, const struct ldtrace *t, int ok)
{
	json_t *o = json_new_object(c);
	json_add(c, o, "error", json_from_str(c, ok ? NULL : t->error_en));
	if (!ok)
		return o;
	json_add(c, o, "kind", json_from_name(c, (unsigned)t->kind < 4 ? jrun_ldkind[t->kind] : "?"));
	json_add(c, o, "interpreter", json_from_str(c, t->interp));
	json_add(c, o, "pt_dynamic", jrun_bool(c, t->has_pt_dynamic));
	json_add(c, o, "dynamic_section", jrun_bool(c, t->has_dynamic_section));
	json_add(c, o, "relative", json_from_u64(c, t->n_relative));
	json_add(c, o, "irelative", json_from_u64(c, t->n_irelative));
	json_add(c, o, "lazy", jrun_ldrun(c, &t->lazy, t->lazy_ran));
	json_add(c, o, "bind_now", jrun_ldrun(c, &t->now, t->now_ran));
	json_add(c, o, "text", jrun_says(c, t->says_en, t->n_says));
	return o;
}

static const char *const jrun_pmstate[] = { "at_main", "no_main", "ended", "timed_out",
					    "failed" };
static const char *const jrun_place[] = { "program", "libc", "loader", "heap", "stack",
					  "vdso" };

static json_t *jrun_pm(struct json_ctx *c, const struct procmain *pm)
{
	json_t *o = json_new_object(c), *runs = json_new_array(c), *moved = json_new_object(c);
	json_add(c, o, "has_main", jrun_bool(c, pm->has_main));
	json_add(c, o, "main", pm->has_main ? json_from_u64(c, pm->main_vaddr) : json_null());
	for (int k = 0; k < pm->n_runs && k < 2; k++) {
		const struct procmain_run *r = &pm->run[k];
		json_t *e = json_new_object(c), *maps = json_new_array(c);
		json_add(c, e, "state", json_from_name(c, (unsigned)r->state < 5
						       ? jrun_pmstate[r->state] : "?"));
		json_add(c, e, "run", json_of_run(c, &r->proc));
		json_add(c, e, "load_bias", json_from_u64(c, r->bias));
		json_add(c, e, "main_address", json_from_u64(c, r->main_addr));
		for (size_t i = 0; i < r->n_maps; i++) {
			const struct procmain_map *m = &r->maps[i];
			json_t *x = json_new_object(c);
			json_add(c, x, "start", json_from_u64(c, m->start));
			json_add(c, x, "end", json_from_u64(c, m->end));
			json_add(c, x, "offset", json_from_u64(c, m->offset));
			json_add(c, x, "permissions", json_from_name(c, m->perms));
			json_add(c, x, "path", json_from_str(c, m->path));
			json_add(c, x, "kind", json_from_name(c, procmain_kind_name(m->kind)));
			json_add(c, x, "segment", json_from_index(c, m->load));
			json_add(c, x, "rss_kb", json_from_int(c, m->rss_kb));
			json_add(c, x, "shared_kb", json_from_int(c, m->shared_kb));
			json_add(c, x, "private_kb", json_from_int(c, m->private_kb));
			json_append(c, maps, x);
		}
		json_add(c, e, "maps", maps);
		json_append(c, runs, e);
	}
	json_add(c, o, "runs", runs);
	json_add(c, o, "randomize_va_space", pm->aslr >= 0 ? json_from_int(c, pm->aslr) : json_null());
	for (int p = 0; p < PROCMAIN_PLACE_COUNT; p++)
		json_add(c, moved, jrun_place[p], pm->moved[p] < 0 ? json_null()
							: jrun_bool(c, pm->moved[p]));
	json_add(c, o, "moved", moved);
	json_add(c, o, "text", json_from_str(c, pm->say_en));
	json_add(c, o, "sharing", json_from_str(c, pm->sharing_en));
	json_add(c, o, "randomization", json_from_str(c, pm->aslr_say_en));
	return o;
}

static json_t *jrun_ip(struct json_ctx *c, const struct interpose *ip, int ok)
{
	if (!ip)
		return json_null();
	json_t *o = json_new_object(c), *runs = json_new_array(c);
	json_add(c, o, "ok", jrun_bool(c, ok));
	json_add(c, o, "function", json_from_str(c, ip->func));
	json_add(c, o, "source", json_from_str(c, ip->src));
	json_add(c, o, "library", json_from_str(c, ip->lib));
	json_add(c, o, "marker", json_from_str(c, ip->marker));
	json_add(c, o, "build", json_of_run(c, &ip->build));
	for (int k = 0; k < LINK_COUNT; k++) {
		const struct interpose_run *r = &ip->run[k];
		json_t *e = json_new_object(c);
		json_add(c, e, "variant", json_from_name(c, walk_link_name((enum link_kind)k)));
		json_add(c, e, "ran", jrun_bool(c, r->ran));
		json_add(c, e, "has_loader", jrun_bool(c, r->has_loader));
		json_add(c, e, "markers", json_from_u64(c, r->markers));
		json_add(c, e, "run", json_of_run(c, &r->proc));
		json_add(c, e, "text", json_from_str(c, r->say_en));
		json_append(c, runs, e);
	}
	json_add(c, o, "runs", runs);
	json_add(c, o, "text", json_from_str(c, ip->say_en));
	return o;
}

json_t *json_of_run5(struct json_ctx *c)
{
	const struct walk *w = c->w;
	const struct walk_run5 *r = &w->run5;
	json_t *o = json_new_object(c);
	int ready = walk_run5_ready(w);
	enum run_state st = walk_state(&r->run);
	json_add(c, o, "state", json_from_name(c, json_state_name(st)));
	json_add(c, o, "skip_reason", json_from_str(c, st == RUN_SKIPPED ? r->run.skip_reason_en
								   : NULL));
	if (!ready || st == RUN_SKIPPED)
		return o;
	json_t *rel = json_new_object(c), *vars = json_new_array(c);
	json_add(c, rel, "glibc", jrun_relocs(c, &r->glibc, r->glibc_ok));
	json_add(c, rel, "musl", r->ran[LINK_MUSL] ? jrun_relocs(c, &r->musl, r->musl_ok)
						   : json_null());
	json_add(c, o, "relocs", rel);
	for (int k = 0; k < LINK_COUNT; k++) {
		json_t *e = json_new_object(c);
		json_add(c, e, "variant", json_from_name(c, walk_link_name((enum link_kind)k)));
		json_add(c, e, "ran", jrun_bool(c, r->ran[k]));
		json_add(c, e, "segments", r->ran[k] ? jrun_segs(c, &r->segs[k], r->segs_ok[k])
						     : json_null());
		json_add(c, e, "loader", r->ran[k] ? jrun_ld(c, &r->ld[k], r->ld_ok[k]) : json_null());
		json_add(c, e, "process", r->ran[k] ? jrun_pm(c, &r->pm[k]) : json_null());
		json_append(c, vars, e);
	}
	json_add(c, o, "variants", vars);
	json_add(c, o, "interpose", jrun_ip(c, r->ip, r->ip_ok));
	return o;
}
