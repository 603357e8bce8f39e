// Renewal cart and cycle roll-over.
#include "core/renewal.h"

#include <algorithm>

namespace recert::core {

Cart build_cart(const Evaluation& ev, const std::vector<Credential>& credentials,
                const std::vector<std::string>& only) {
    Cart cart;
    for (std::size_t c = 0; c < ev.credentials.size() && c < credentials.size(); ++c) {
        const CredentialResult& r = ev.credentials[c];
        if (r.status != CredentialStatus::ready_to_renew && r.status != CredentialStatus::grace_period)
            continue;
        if (!only.empty() && std::find(only.begin(), only.end(), credentials[c].id) == only.end())
            continue;
        cart.lines.push_back(
            {credentials[c].id, r.program->cart_label, 1, r.renewal_fee, r.renewal_fee, r.fee_listed});
        if (r.status == CredentialStatus::grace_period && r.late_fee > Money())
            cart.lines.push_back(
                {credentials[c].id, r.program->short_name + " Late Fee", 1, r.late_fee, r.late_fee});
    }
    for (const auto& l : cart.lines) {
        cart.total += l.total;
        cart.unlisted = cart.unlisted || !l.price_listed;
    }
    return cart;
}

Result<Credential> record_renewal(const Credential& credential, Date renewed_on, Money amount,
                                  std::optional<EvidenceRef> receipt, const PackSet& packs) {
    CycleRule rule;
    if (credential.body == "custom") {
        if (!credential.custom)
            return Error{"", "", "custom credential has no program definition"};
        rule = make_custom_pack(*credential.custom).programs.front().cycle;
    } else {
        const RulePack* pack = packs.find(credential.body, credential.cycle.last);
        const Program* program = pack ? pack->find_program(credential.program) : nullptr;
        if (!program)
            return Error{"", "", "no rules for " + credential.body + "/" + credential.program};
        rule = program->cycle;
    }
    if (renewed_on < credential.cycle.first)
        return Error{"", "",
                     "renewal date " + renewed_on.to_string() + " is before the cycle start " +
                         credential.cycle.first.to_string()};
    Credential out = credential;
    out.history.push_back({renewed_on, credential.cycle, amount, std::move(receipt)});
    out.cycle = next_cycle(rule, credential.cycle);
    return out;
}

// [SECTION] Statements of past cycles

std::vector<DateRange> statement_cycles(const Credential& c) {
    std::vector<DateRange> out{c.cycle};
    for (auto it = c.history.rbegin(); it != c.history.rend(); ++it)
        if (std::find(out.begin(), out.end(), it->cycle) == out.end()) out.push_back(it->cycle);
    return out;
}

Credential as_in_cycle(const Credential& c, DateRange cycle) {
    Credential out = c;
    out.cycle = cycle;
    std::erase_if(out.history, [&](const RenewalRecord& h) { return !(h.cycle.last < cycle.first); });
    return out;
}

DateRange default_statement_cycle(const Credential& c, const CredentialResult& current) {
    if (current.applied.is_zero() && current.pending.is_zero() && !c.history.empty()) return c.history.back().cycle;
    return c.cycle;
}

} // namespace recert::core
