// Finalized statements and the edit lock: see statement.h.
#include "core/statement.h"

#include "core/names.h"

#include <algorithm>

namespace recert::core {
namespace {

bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; });
}

bool excluded(const Activity& a, const std::string& credential_id) {
    return std::find(a.excluded_from.begin(), a.excluded_from.end(), credential_id) != a.excluded_from.end();
}

std::string problem_for(const std::vector<Credential>& credentials, const Activity& a, const PackSet* packs) {
    for (const Credential& c : credentials) {
        if (excluded(a, c.id)) continue;
        if (const FinalizedStatement* f = locking_statement(c, a.earned))
            return "The statement for " + credential_short_name(c, packs ? packs->find(c.body, f->period.last) : nullptr) + " (" + f->period.first.to_string() + " to " +
                   f->period.last.to_string() + ") was finalized on " + f->finalized_on.to_string() +
                   "; unlock it before changing activities earned in that period";
    }
    return {};
}

} // namespace

const FinalizedStatement* locking_statement(const Credential& c, Date day) {
    const FinalizedStatement* found = nullptr;
    for (const FinalizedStatement& f : c.statements)
        if (!f.unlock && f.period.contains(day)) found = &f;
    return found;
}

bool is_finalized(const Credential& c, const DateRange& period) {
    return std::any_of(c.statements.begin(), c.statements.end(),
                       [&](const FinalizedStatement& f) { return !f.unlock && f.period == period; });
}

Result<Credential> finalize_statement(const Credential& c, const DateRange& period, Date today) {
    if (period.last < period.first) return Error{"", "", "the period ends before it starts"};
    if (today < period.first) return Error{"", "", "a statement cannot be finalized before its period starts"};
    if (is_finalized(c, period)) return Error{"", "", "this statement is already finalized"};
    Credential out = c;
    out.statements.push_back({period, today, std::nullopt});
    return out;
}

Result<Credential> unlock_statement(const Credential& c, const DateRange& period, Date today, std::string by,
                                    std::string reason) {
    if (blank(reason)) return Error{"", "", "say why the statement is unlocked (the reason is kept)"};
    Credential out = c;
    for (auto it = out.statements.rbegin(); it != out.statements.rend(); ++it) {
        if (it->unlock || !(it->period == period)) continue;
        it->unlock = StatementUnlock{today, std::move(by), std::move(reason)};
        return out;
    }
    return Error{"", "", "no finalized statement for this period"};
}

std::string statement_lock_problem(const std::vector<Credential>& credentials, const Activity* before,
                                   const Activity* after, const PackSet* packs) {
    if (before && after) { // adding a certificate or a note to a finalized entry is always allowed
        Activity same = *after;
        same.evidence = before->evidence;
        same.notes = before->notes;
        same.rev = before->rev;
        if (same == *before) return {};
    }
    if (before)
        if (std::string p = problem_for(credentials, *before, packs); !p.empty()) return p;
    if (after)
        if (std::string p = problem_for(credentials, *after, packs); !p.empty()) return p;
    return {};
}

} // namespace recert::core
