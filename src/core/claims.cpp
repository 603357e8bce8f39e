// Session claims and final statements for claim-per-session packs.
#include "core/claims.h"

namespace recert::core {

namespace {

Error final_error(const Activity& a) {
    return Error{"", "/sessions",
                 "the statement of credit was printed on " + a.statement_printed->to_string() +
                     " and is final: sessions cannot be added or changed"};
}

} // namespace

bool statement_final(const Activity& activity, const RulePack& pack) {
    return pack.claims.final_after_print && activity.statement_printed.has_value();
}

Result<Activity> claim_session(const Activity& activity, Session session, const RulePack& pack) {
    if (statement_final(activity, pack))
        return final_error(activity);
    if (pack.claims.claim_id_required && activity.claim_id.empty())
        return Error{"", "/claim_id", "enter the Badge ID (live meeting) or Group ID (teleconference) first"};
    if (session.hours_claimed < Credits())
        return Error{"", "/sessions/" + std::to_string(activity.sessions.size()) + "/hours_claimed",
                     "must not be negative"};
    Activity out = activity;
    out.sessions.push_back(std::move(session));
    out.status = ActivityStatus::claimed;
    out.rev += 1;
    return out;
}

Result<Activity> update_session(const Activity& activity, std::size_t index, Session session,
                                const RulePack& pack) {
    if (statement_final(activity, pack))
        return final_error(activity);
    if (index >= activity.sessions.size())
        return Error{"", "/sessions/" + std::to_string(index), "no such session"};
    Activity out = activity;
    out.sessions[index] = std::move(session);
    out.rev += 1;
    return out;
}

Result<Activity> print_statement(const Activity& activity, Date day, const RulePack& pack) {
    if (statement_final(activity, pack))
        return final_error(activity);
    if (activity.sessions.empty())
        return Error{"", "/sessions", "claim at least one session before printing the statement"};
    if (pack.claims.evaluation_required)
        for (std::size_t i = 0; i < activity.sessions.size(); ++i)
            if (!activity.sessions[i].evaluation_done)
                return Error{"", "/sessions/" + std::to_string(i) + "/evaluation_done",
                             "complete the evaluation of \"" + activity.sessions[i].title +
                                 "\" before printing"};
    Activity out = activity;
    out.statement_printed = day;
    out.status = ActivityStatus::posted;
    out.reported = day;
    out.rev += 1;
    return out;
}

} // namespace recert::core
