// Renewal: the cart for credentials ready to renew (one full-fee line each, plus a late-fee line in the
// grace period), and recording a renewal, which rolls a credential to its next cycle keeping history.
#pragma once

#include "core/engine.h"
#include "core/result.h"

#include <optional>
#include <string>
#include <vector>

namespace recert::core {

struct CartLine {
    std::string credential_id;
    std::string description; // "EP Recertification", "EP Late Fee"
    int qty = 1;
    Money unit_price;
    Money total;
    bool price_listed = true; // false: the body publishes no fee (unit_price and total are 0, not "free")
};

struct Cart {
    std::vector<CartLine> lines;
    Money total;           // of the listed prices
    bool unlisted = false; // some line's price is not listed: the total is not the whole amount owed
};

// Lines for every credential whose status is ready_to_renew or grace_period (restricted to the ids in
// `only` when it is not empty). Full fee per credential: no multi-certification discount.
Cart build_cart(const Evaluation& ev, const std::vector<Credential>& credentials,
                const std::vector<std::string>& only = {});

// The credential after a renewal on `renewed_on`: the closed cycle goes to history (with amount and
// receipt) and the cycle rolls to the pack's next cycle. Activities are not touched: they stay in the
// cycle they were earned in. Fails (no change) for an unknown pack/program or a date before the cycle start.
Result<Credential> record_renewal(const Credential& credential, Date renewed_on, Money amount,
                                  std::optional<EvidenceRef> receipt, const PackSet& packs);

// [SECTION] Statements of past cycles (an audit asks about the cycle a renewal just closed)

// The cycles a transcript or audit packet can state for `c`: the current cycle first, then every cycle
// closed by a renewal in its history, newest first.
std::vector<DateRange> statement_cycles(const Credential& c);

// `c` as it stood during `cycle` (one of statement_cycles(c)): that cycle as its current one and only
// the renewals that closed earlier cycles, so that evaluate() states that cycle's window and activities.
Credential as_in_cycle(const Credential& c, DateRange cycle);

// The cycle a statement opens on: the most recently closed cycle when nothing counts or is pending in
// the current one yet (`current` evaluates `c` as it is), else the current cycle.
DateRange default_statement_cycle(const Credential& c, const CredentialResult& current);

} // namespace recert::core
