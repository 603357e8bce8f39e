// Strict decoding and validation of rule pack JSON (schema 1).
#include "core/rulepack_codec.h"

#include "core/json_read.h"
#include "core/limits.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace recert::core {

using detail::child;
using detail::DecodeError;
using detail::fail;
using detail::json;
using detail::ObjectReader;

namespace {

struct PackDecoder {
    RulePack pack;

    std::vector<std::string> sources(ObjectReader& r, bool required) {
        auto ids = r.opt_string_list("sources");
        if (required && ids.empty())
            fail(r.at("sources"), "every rule must cite at least one source id");
        for (std::size_t i = 0; i < ids.size(); ++i) {
            bool found = std::any_of(pack.sources.begin(), pack.sources.end(),
                                     [&](const PackSource& s) { return s.id == ids[i]; });
            if (!found)
                fail(child(r.at("sources"), i), "unknown source id \"" + ids[i] + "\" (not in /sources)");
        }
        return ids;
    }

    int category_index(const std::string& id, const std::string& path) {
        int i = pack.find_category(id);
        if (i < 0)
            fail(path, "unknown category \"" + id + "\" (not in /categories)");
        return i;
    }

    Format format(const json& v, const std::string& path) {
        auto f = parse_format(ObjectReader::as_string(v, path));
        if (!f)
            fail(path,
                 "unknown format (expected live, online, home_study, conference_session, college_course, "
                 "teaching, volunteering, cpr_aed_first_aid, publication or other)");
        return *f;
    }

    std::uint32_t format_mask(const json& arr, const std::string& path) {
        if (!arr.is_array())
            fail(path, "expected an array of formats");
        std::uint32_t mask = 0;
        for (std::size_t i = 0; i < arr.size(); ++i)
            mask |= 1u << unsigned(format(arr[i], child(path, i)));
        return mask;
    }

    Selector selector(const json& v, const std::string& path) {
        ObjectReader r(v, path);
        Selector s;
        if (const json* f = r.find("formats"))
            s.formats = format_mask(*f, r.at("formats"));
        if (const json* c = r.opt_array("categories")) {
            for (std::size_t i = 0; i < c->size(); ++i) {
                std::string p = child(r.at("categories"), i);
                int idx = category_index(ObjectReader::as_string((*c)[i], p), p);
                s.categories |= std::uint64_t(1) << idx;
                // A group matches its members too.
                for (std::size_t k = 0; k < pack.categories.size(); ++k)
                    if (pack.categories[k].counts_toward == idx)
                        s.categories |= std::uint64_t(1) << k;
            }
        }
        r.finish();
        if (s.formats == 0 && s.categories == 0)
            fail(path, "a match must name formats or categories");
        return s;
    }

    Rounding rounding(ObjectReader& r) {
        const json* v = r.find("rounding");
        if (!v)
            return Rounding::down_to_hundredth();
        auto rr = parse_rounding(ObjectReader::as_string(*v, r.at("rounding")));
        if (!rr)
            fail(r.at("rounding"),
                 "expected a rounding like \"down_0.01\", \"down_0.1\", \"half_up_0.1\" or \"up_1\"");
        return *rr;
    }

    Factor factor(ObjectReader& r) {
        std::string s = r.str("factor");
        auto f = Factor::parse(s);
        if (!f)
            fail(r.at("factor"), "expected a positive decimal factor string like \"1.5\" or \"0.1\"");
        return *f;
    }

    void dated(ObjectReader& r, std::optional<Date>& from, std::optional<Date>& to) {
        from = r.opt_date("effective_from");
        to = r.opt_date("effective_to");
        if (from && to && *to < *from)
            fail(r.at("effective_to"), "effective_to is before effective_from");
    }

    CycleRule cycle(const json& v, const std::string& path) {
        ObjectReader r(v, path);
        CycleRule c;
        std::string kind = r.str("kind");
        if (kind == "fixed") {
            c.kind = CycleKind::fixed;
            auto years = r.opt_integer("years", 1, 50, "a positive integer");
            auto months = r.opt_integer("months", 1, 600, "a positive integer");
            if (years && months)
                fail(r.at("months"), "give years or months, not both");
            if (!years && !months)
                fail(r.at("years"), "expected a positive integer");
            c.months = years ? int(*years) * 12 : int(*months);
            c.end_of_month = r.opt_bool("end_of_month", false);
        } else if (kind == "calendar") {
            c.kind = CycleKind::calendar;
            c.years = int(r.integer("years", 1, 50, "a positive integer"));
            if (auto a = r.opt_integer("anchor_year", 1900, 2200, "a year between 1900 and 2200"))
                c.anchor_year = int(*a);
            c.certification_year_counts = r.opt_bool("certification_year_counts", false);
        } else if (kind == "annual") {
            c.kind = CycleKind::annual;
            c.years = 1;
        } else {
            fail(r.at("kind"), "expected \"fixed\", \"calendar\" or \"annual\"");
        }
        std::string window = r.opt_str("window");
        if (window.empty() || window == "cycle") {
            c.window = WindowKind::cycle;
        } else if (window == "cycle_from_certification") {
            c.window = WindowKind::cycle_from_certification;
        } else if (window == "previous_calendar_year") {
            c.window = WindowKind::previous_calendar_year;
        } else if (window == "month_day_before_end") {
            c.window = WindowKind::month_day_before_end;
            c.window_month = unsigned(r.integer("window_month", 1, 12, "a month number 1-12"));
            c.window_day = unsigned(r.integer("window_day", 1, 28, "a day number 1-28"));
            c.window_years_before_end =
                int(r.integer("window_years_before_end", 0, 50, "a non-negative integer"));
        } else {
            fail(r.at("window"),
                 "expected \"cycle\", \"cycle_from_certification\", \"previous_calendar_year\" or "
                 "\"month_day_before_end\"");
        }
        c.sources = sources(r, false);
        r.finish();
        return c;
    }

    RequirementTier requirement(const json& v, const std::string& path) {
        ObjectReader r(v, path);
        RequirementTier t;
        t.certified_before_cycle = r.opt_bool("certified_before_cycle", false);
        if (const json* m = r.opt_array("certified_months_into_cycle")) {
            std::string p = r.at("certified_months_into_cycle");
            if (m->size() != 2)
                fail(p, "expected [from_month, to_month]");
            t.certified_from_month =
                int(ObjectReader::as_int((*m)[0], child(p, 0), 0, 600, "a month offset 0-600"));
            t.certified_to_month =
                int(ObjectReader::as_int((*m)[1], child(p, 1), 0, 600, "a month offset 0-600"));
            if (*t.certified_to_month <= *t.certified_from_month)
                fail(child(p, 1), "to_month must be greater than from_month");
        }
        t.cycle_end_from = r.opt_date("cycle_end_from");
        t.cycle_end_to = r.opt_date("cycle_end_to");
        t.total = r.credits("total");
        if (t.total < Credits())
            fail(r.at("total"), "expected a non-negative amount");
        if (const json* cats = r.find("categories")) {
            std::string cp = r.at("categories");
            if (!cats->is_object())
                fail(cp,
                     std::string("expected an object of category limits, got ") + detail::type_name(*cats));
            for (auto it = cats->begin(); it != cats->end(); ++it) {
                std::string p = child(cp, it.key());
                CategoryLimit lim;
                lim.category = category_index(it.key(), p);
                ObjectReader lr(it.value(), p);
                lim.min = lr.opt_credits("min");
                lim.max = lr.opt_credits("max");
                lr.finish();
                if (lim.min && lim.max && *lim.max < *lim.min)
                    fail(child(p, "max"), "max is below min");
                t.categories.push_back(lim);
            }
        }
        t.min_distinct_categories =
            int(r.opt_integer("min_distinct_categories", 0, 64, "a non-negative integer").value_or(0));
        t.sources = sources(r, true);
        t.note = r.opt_str("note");
        r.finish();
        return t;
    }

    FeeSchedule fee(const json& v, const std::string& path) {
        ObjectReader r(v, path);
        FeeSchedule f;
        dated(r, f.effective_from, f.effective_to);
        f.renewal = r.money("renewal");
        f.late = r.opt_money("late");
        f.reinstatement = r.opt_money("reinstatement");
        f.sources = sources(r, true);
        f.note = r.opt_str("note");
        r.finish();
        return f;
    }

    Program program(const json& v, const std::string& path) {
        ObjectReader r(v, path);
        Program p;
        p.id = r.str("id");
        if (p.id.empty())
            fail(r.at("id"), "must not be empty");
        p.name = r.str("name");
        p.short_name = r.opt_str("short_name");
        if (p.short_name.empty())
            p.short_name = p.id;
        p.cart_label = r.opt_str("cart_label");
        if (p.cart_label.empty())
            p.cart_label = p.short_name + " Recertification";
        p.cycle = cycle(r.need("cycle"), r.at("cycle"));
        const json* reqs = r.opt_array("requirements");
        if (!reqs || reqs->empty())
            fail(r.at("requirements"), "expected at least one requirement row");
        for (std::size_t i = 0; i < reqs->size(); ++i)
            p.requirements.push_back(requirement((*reqs)[i], child(r.at("requirements"), i)));
        if (const json* fees = r.opt_array("fees"))
            for (std::size_t i = 0; i < fees->size(); ++i)
                p.fees.push_back(fee((*fees)[i], child(r.at("fees"), i)));
        p.grace_months =
            int(r.opt_integer("grace_months", 0, 120, "a non-negative number of months").value_or(0));
        p.renews = r.opt_bool("renews", true);
        p.sources = sources(r, false);
        r.finish();
        return p;
    }

    // schema, body, name, version, unit, dates.
    void decode_header(ObjectReader& r) {
        long long schema = r.integer("schema", 1, 1000, "a positive integer");
        if (schema != rulepack_schema_version)
            fail(r.at("schema"), "unsupported schema version " + std::to_string(schema) +
                                     " (this build reads " + std::to_string(rulepack_schema_version) + ")");
        pack.schema = int(schema);
        pack.body = r.str("body");
        if (pack.body.empty())
            fail(r.at("body"), "must not be empty");
        pack.name = r.str("name");
        pack.version = r.str("version");
        pack.unit = r.str("unit");
        pack.effective_from = r.date("effective_from");
        pack.effective_to = r.opt_date("effective_to");
        r.opt_string_list("notes"); // free-form remarks for maintainers
    }

    // "sources": at least one, each with a url or a seed, ids unique.
    void decode_sources(ObjectReader& r) {
        const json* srcs = r.opt_array("sources");
        if (!srcs || srcs->empty())
            fail(r.at("sources"), "a pack must list its sources");
        for (std::size_t i = 0; i < srcs->size(); ++i) {
            ObjectReader sr((*srcs)[i], child(r.at("sources"), i));
            PackSource s;
            s.id = sr.str("id");
            s.title = sr.str("title");
            s.url = sr.opt_str("url");
            s.seed = sr.opt_str("seed");
            s.accessed = sr.opt_str("accessed");
            if (s.url.empty() && s.seed.empty())
                fail(sr.path(), "a source needs a url or a seed");
            for (const auto& other : pack.sources)
                if (other.id == s.id)
                    fail(sr.at("id"), "duplicate source id \"" + s.id + "\"");
            sr.finish();
            pack.sources.push_back(std::move(s));
        }
    }

    // "categories" (at most 64), their counts_toward parents, the default category and accepted formats.
    void decode_categories(ObjectReader& r) {
        if (const json* cats = r.opt_array("categories")) {
            if (cats->size() > 64)
                fail(r.at("categories"), "at most 64 categories");
            std::vector<std::string> parents;
            for (std::size_t i = 0; i < cats->size(); ++i) {
                ObjectReader cr((*cats)[i], child(r.at("categories"), i));
                Category c;
                c.id = cr.str("id");
                if (c.id.empty())
                    fail(cr.at("id"), "must not be empty");
                if (pack.find_category(c.id) >= 0)
                    fail(cr.at("id"), "duplicate category \"" + c.id + "\"");
                c.name = cr.str("name");
                parents.push_back(cr.opt_str("counts_toward"));
                cr.finish();
                pack.categories.push_back(std::move(c));
            }
            for (std::size_t i = 0; i < parents.size(); ++i) {
                if (parents[i].empty())
                    continue;
                std::string p = child(child(r.at("categories"), i), "counts_toward");
                int parent = category_index(parents[i], p);
                if (parent == int(i) || !parents[std::size_t(parent)].empty())
                    fail(p, "counts_toward must name a top-level category other than itself");
                pack.categories[i].counts_toward = parent;
            }
        }
        if (const json* d = r.find("default_category"))
            pack.default_category = category_index(ObjectReader::as_string(*d, r.at("default_category")),
                                                   r.at("default_category"));
        if (const json* f = r.find("accepted_formats"))
            pack.accepted_formats = format_mask(*f, r.at("accepted_formats"));
    }

    // "conversions": at least one accepted unit.
    void decode_conversions(ObjectReader& r) {
        const json* convs = r.opt_array("conversions");
        if (!convs || convs->empty())
            fail(r.at("conversions"), "a pack must accept at least one unit");
        for (std::size_t i = 0; i < convs->size(); ++i) {
            ObjectReader cr((*convs)[i], child(r.at("conversions"), i));
            Conversion c;
            auto u = parse_unit(cr.str("from"));
            if (!u)
                fail(cr.at("from"),
                     "unknown unit (expected cec, ceu, cme, contact_hour, cpe, pdh, semester_credit or "
                     "quarter_credit)");
            c.from = *u;
            if (pack.conversion(c.from))
                fail(cr.at("from"), "duplicate conversion for this unit");
            c.factor = factor(cr);
            c.rounding = rounding(cr);
            c.minimum = cr.opt_credits("minimum");
            c.sources = sources(cr, false);
            cr.finish();
            pack.conversions.push_back(c);
        }
    }

    // "caps" (at most 32).
    void decode_caps(ObjectReader& r) {
        if (const json* caps = r.opt_array("caps")) {
            if (caps->size() > 32)
                fail(r.at("caps"), "at most 32 caps");
            for (std::size_t i = 0; i < caps->size(); ++i) {
                ObjectReader cr((*caps)[i], child(r.at("caps"), i));
                Cap c;
                c.id = cr.str("id");
                c.label = cr.str("label");
                c.match = selector(cr.need("match"), cr.at("match"));
                std::string period = cr.str("period");
                if (period == "calendar_year")
                    c.period = CapPeriod::calendar_year;
                else if (period == "cycle")
                    c.period = CapPeriod::cycle;
                else if (period == "event")
                    c.period = CapPeriod::event;
                else
                    fail(cr.at("period"), "expected \"calendar_year\", \"cycle\" or \"event\"");
                c.max = cr.credits("max");
                if (c.max < Credits())
                    fail(cr.at("max"), "expected a non-negative amount");
                dated(cr, c.effective_from, c.effective_to);
                c.programs = cr.opt_string_list("programs");
                c.sources = sources(cr, true);
                c.note = cr.opt_str("note");
                cr.finish();
                pack.caps.push_back(std::move(c));
            }
        }
    }

    // "multipliers" (at most 32).
    void decode_multipliers(ObjectReader& r) {
        if (const json* ms = r.opt_array("multipliers")) {
            if (ms->size() > 32)
                fail(r.at("multipliers"), "at most 32 multipliers");
            for (std::size_t i = 0; i < ms->size(); ++i) {
                ObjectReader mr((*ms)[i], child(r.at("multipliers"), i));
                Multiplier m;
                m.id = mr.str("id");
                m.label = mr.str("label");
                m.match = selector(mr.need("match"), mr.at("match"));
                m.factor = factor(mr);
                m.first = mr.opt_credits("first");
                m.rounding = rounding(mr);
                dated(mr, m.effective_from, m.effective_to);
                m.sources = sources(mr, true);
                mr.finish();
                pack.multipliers.push_back(std::move(m));
            }
        }
    }

    // The optional policy objects: sharing, prerequisites, audit, claims, wording.
    void decode_policies(ObjectReader& r) {
        if (const json* s = r.find("sharing")) {
            ObjectReader sr(*s, r.at("sharing"));
            pack.sharing.same_body = sr.opt_bool("same_body", true);
            pack.sharing.other_bodies = sr.opt_bool("other_bodies", true);
            pack.sharing.sources = sources(sr, false);
            sr.finish();
        }
        if (const json* ps = r.opt_array("prerequisites")) {
            for (std::size_t i = 0; i < ps->size(); ++i) {
                ObjectReader pr((*ps)[i], child(r.at("prerequisites"), i));
                Prerequisite p;
                p.kind = pr.str("kind");
                p.label = pr.str("label");
                p.hands_on_required = pr.opt_bool("hands_on_required", false);
                p.upload_required = pr.opt_bool("upload_required", true);
                p.sources = sources(pr, true);
                pr.finish();
                pack.prerequisites.push_back(std::move(p));
            }
        }
        if (const json* a = r.find("audit")) {
            ObjectReader ar(*a, r.at("audit"));
            pack.audit.proof_due_days =
                int(ar.opt_integer("proof_due_days", 0, 3650, "a non-negative number of days").value_or(0));
            pack.audit.retention_months = int(
                ar.opt_integer("retention_months", 0, 1200, "a non-negative number of months").value_or(0));
            pack.audit.sources = sources(ar, false);
            ar.finish();
        }
        if (const json* c = r.find("claims")) {
            ObjectReader cr(*c, r.at("claims"));
            pack.claims.per_session = cr.opt_bool("per_session", false);
            pack.claims.final_after_print = cr.opt_bool("final_after_print", false);
            pack.claims.evaluation_required = cr.opt_bool("evaluation_required", false);
            pack.claims.claim_id_required = cr.opt_bool("claim_id_required", false);
            pack.claims.sources = sources(cr, false);
            cr.finish();
        }
        if (const json* w = r.find("wording")) {
            ObjectReader wr(*w, r.at("wording"));
            pack.wording.in_progress = wr.opt_str("in_progress");
            pack.wording.prerequisite_missing = wr.opt_str("prerequisite_missing");
            pack.wording.renew_hint = wr.opt_str("renew_hint");
            pack.wording.ready = wr.opt_str("ready");
            sources(wr, false);
            wr.finish();
        }
    }

    // "programs": at least one, ids unique; then the programs the caps name must exist.
    void decode_programs(ObjectReader& r) {
        const json* progs = r.opt_array("programs");
        if (!progs || progs->empty())
            fail(r.at("programs"), "a pack must define at least one program");
        for (std::size_t i = 0; i < progs->size(); ++i) {
            Program p = program((*progs)[i], child(r.at("programs"), i));
            if (pack.find_program(p.id))
                fail(child(child(r.at("programs"), i), "id"), "duplicate program \"" + p.id + "\"");
            pack.programs.push_back(std::move(p));
        }
        // Caps may name programs; check them now that all programs are known.
        for (std::size_t i = 0; i < pack.caps.size(); ++i)
            for (std::size_t k = 0; k < pack.caps[i].programs.size(); ++k)
                if (!pack.find_program(pack.caps[i].programs[k]))
                    fail(child(child(child(r.at("caps"), i), "programs"), k),
                         "unknown program \"" + pack.caps[i].programs[k] + "\"");
    }

    void decode(const json& root) {
        ObjectReader r(root, "");
        decode_header(r);
        decode_sources(r);
        decode_categories(r);
        decode_conversions(r);
        decode_caps(r);
        decode_multipliers(r);
        decode_policies(r);
        decode_programs(r);
        r.finish();
    }
};

} // namespace

namespace {
Error pack_too_large(std::string_view file) {
    return Error{std::string(file), "", "larger than " + std::to_string(limits::max_rulepack_bytes / 1'000'000) +
                                            " MB; no certifying body's rules need so much"};
}
} // namespace

Result<RulePack> decode_rulepack(std::string_view text, std::string_view file) {
    if (text.size() > limits::max_rulepack_bytes)
        return pack_too_large(file);
    try {
        json root = detail::parse_text(text);
        PackDecoder d;
        d.decode(root);
        d.pack.file = std::string(file);
        return std::move(d.pack);
    } catch (const DecodeError& e) {
        return Error{std::string(file), e.path, e.message};
    } catch (const std::exception& e) {
        return Error{std::string(file), "", std::string("unreadable pack: ") + e.what()};
    }
}

Result<RulePack> load_rulepack_file(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    // C stdio, one read of the whole file: no iostreams (in the web app they would bring the C++
    // locale library, ~50 KB of wasm, for this one read; a stream copy also moved a character at a time).
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!in)
        return Error{name, "", "cannot open file"};
    std::string text;
    char chunk[16384];
    for (std::size_t got; (got = std::fread(chunk, 1, sizeof chunk, in.get())) > 0;) {
        if (text.size() + got > limits::max_rulepack_bytes)
            return pack_too_large(name); // refused before it is all read, let alone parsed
        text.append(chunk, got);
    }
    if (std::ferror(in.get()))
        return Error{name, "", "cannot read file"};
    return decode_rulepack(text, name);
}

Result<std::vector<std::string>> rulepack_files(const std::string& dir) {
    std::error_code ec;
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path().string());
    if (ec)
        return Error{dir, "", "cannot read directory: " + ec.message()};
    if (files.empty())
        return Error{dir, "", "no rule packs (*.json) found"};
    std::sort(files.begin(), files.end());
    return files;
}

Result<PackSet> load_rulepack_dir(const std::string& dir) {
    auto files = rulepack_files(dir);
    if (!files)
        return files.error();
    PackSet set;
    for (const auto& f : files.value()) {
        auto r = load_rulepack_file(f);
        if (!r)
            return r.error();
        set.packs.push_back(std::move(r).value());
    }
    return set;
}

} // namespace recert::core
