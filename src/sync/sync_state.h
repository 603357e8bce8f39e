// What sync keeps between runs, per provider: the cursor, the outbox of self-reports not yet
// accepted by the provider (each with its idempotency key), incoming items held for the person's
// decision and the ones they skipped. Stored in IndexedDB's `cursors` and `outbox` stores
// (sync_store.h) — never in backups or exports, and never a token.
#pragma once

#include "core/model.h"
#include "core/result.h"
#include "sync/protocol.h"

#include <cstdint>
#include <string>
#include <vector>

namespace recert::sync {

// Where to sync and as whom (not secret: no token here).
struct SyncConfig {
    std::string base_url;  // "https://ce.example.org/api"
    std::string client_id; // the OAuth client id the provider registered for Recert
    // From the provider's metadata (discovery.h), found when the provider was saved; "" = not yet.
    std::string authorization_endpoint, token_endpoint, revocation_endpoint;
    bool dpop = false; // the provider offers DPoP with ES256
    friend bool operator==(const SyncConfig&, const SyncConfig&) = default;
};

// A self-report waiting to be pushed. `key` is its Idempotency-Key, fixed when queued, so every retry
// of the same push is the same request to the provider.
struct OutboxEntry {
    std::string key;
    std::string activity_id;
    std::string title;  // for the UI
    std::string body;   // the JSON sent (encode_self_report)
    std::string refused; // the provider's reason when it refused it for good (4xx); "" = still to send
    friend bool operator==(const OutboxEntry&, const OutboxEntry&) = default;
};

// An incoming completion held until the person decides: one that looks like an activity they already
// recorded (import it or skip it; never merged automatically), or one quarantined because it cannot be
// stored as the provider sent it (`reason` says why: quarantine_reason; it can only be skipped, or
// waited on until the provider corrects it, when it goes on like any other item).
struct HeldItem {
    Completion completion;
    std::string local_id; // the local activity it resembles ("" when quarantined)
    std::string local_title;
    std::string reason; // "" = a likely duplicate; else why it was quarantined
    bool quarantined() const { return !reason.empty(); }
};

struct ProviderState {
    std::string provider; // the base URL
    std::string cursor;   // "" = from the beginning
    std::string last_synced; // RFC 3339 (UTC) end of the last complete sync, "" = never
    std::string account;     // the provider's name for the signed-in person (GET /me)
    std::vector<OutboxEntry> outbox;
    std::vector<HeldItem> held;
    std::vector<std::string> skipped;  // external ids the person said they already have
    std::vector<std::pair<std::string, std::string>> pushed; // activity id -> provider's self-report id
};

// JSON (de)serialization of the state without the outbox (the `cursors` row), and of one outbox
// entry (an `outbox` row). Decoders are strict and located, like every decoder.
std::string encode_provider_state(const ProviderState& s);
core::Result<ProviderState> decode_provider_state(std::string_view text);
std::string encode_outbox_entry(const OutboxEntry& e);
core::Result<OutboxEntry> decode_outbox_entry(std::string_view text);
std::string encode_config(const SyncConfig& c);
core::Result<SyncConfig> decode_config(std::string_view text);

// The wire form of a completion (as GET /completions sends it): held items are kept this way so
// they go back through the same decoder.
std::string encode_completion(const Completion& c);

// Queues self-reported activities for pushing: each gets an entry unless it was already pushed or is
// queued. `new_key` makes idempotency keys (random UUIDs in the app, counters in tests).
// Returns how many were added.
template <class KeyFn>
int queue_self_reports(ProviderState& s, const std::vector<core::Activity>& activities, KeyFn&& new_key);
bool is_pushed_or_queued(const ProviderState& s, const std::string& activity_id);

template <class KeyFn>
int queue_self_reports(ProviderState& s, const std::vector<core::Activity>& activities, KeyFn&& new_key) {
    int added = 0;
    for (const core::Activity& a : activities) {
        if (a.source != core::ActivitySource::self_reported || a.status == core::ActivityStatus::planned ||
            a.status == core::ActivityStatus::rejected || is_pushed_or_queued(s, a.id))
            continue;
        s.outbox.push_back({new_key(), a.id, a.title, encode_self_report(a), ""});
        ++added;
    }
    return added;
}

} // namespace recert::sync
