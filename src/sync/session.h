// One sync run as a state machine polled each frame (never blocking): push the outbox of
// self-reports (idempotency keys, so a retried push never duplicates), then pull completions page by
// page. Each page becomes a SyncBatch the owner commits to the store; only after that commit and a
// save of the new cursor does the next page start, so a crash or a failure at any point leaves the
// log and the cursor consistent (a re-fetched page changes nothing: synced ids are deterministic).
#pragma once

#include "sync/backoff.h"
#include "sync/sync_state.h"
#include "sync/transport.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace recert::sync {

enum class SyncPhase : std::uint8_t { idle, pending, ok, failed };

struct SyncProgress {
    int to_push = 0, pushed = 0, refused = 0;
    int pages = 0, received = 0, added = 0, updated = 0, revoked = 0, held = 0, quarantined = 0;
    int expected = 0;   // the provider's estimate of items still to come (0 = unknown)
    std::string step;   // "Sending 2 self-reports…", "Receiving completions…", "Waiting 3 s (provider busy)"
    // 0..1 for the progress bar.
    float fraction() const;
};

// What one page changes in the local log: records to write (expected_rev 0 = new) and verified
// certificate files to store with them.
struct SyncBatch {
    std::vector<std::pair<core::Activity, std::int64_t>> puts;
    struct File {
        core::EvidenceRef ref;
        std::vector<std::uint8_t> bytes;
    };
    std::vector<File> files;
};

// How one page applies to the local log (pure; see plan_page).
struct PagePlan {
    std::vector<std::pair<core::Activity, std::int64_t>> puts;
    int added = 0, updated = 0, revoked = 0, unchanged = 0, held = 0, ignored = 0, quarantined = 0;
};

// The person's assignments of a kind of course (core::accreditation_key: the provider and the bodies
// accrediting it) to credentials, as the log holds them: a new course of a kind already assigned
// counts where that kind does ("a mapping chosen once applies to the next page").
class Assignments {
  public:
    explicit Assignments(const core::Log& local);
    // Gives `a` its kind's assignment, if the person made one.
    void apply(core::Activity& a) const;

  private:
    std::unordered_map<std::string, std::vector<std::string>> m_by_key;
};

// Plans a page against `local`: known items (by provider link) are updated only when their etag or
// status changed; tombstones mark them revoked (never deleted); new items that look like an
// activity already recorded are added to state.held instead of the log; skipped ones are ignored.
// An item that cannot be stored as sent (quarantine_reason against state.provider, the API base URL:
// out-of-range credits or dates, a certificate on another origin) is quarantined in state.held with
// its reason and changes nothing else; once the provider sends it corrected, it goes on as any item.
// The same item delivered twice in a page yields one put. A new item takes its kind's assignment.
// `items` is consumed (its completions are moved into the plan).
PagePlan plan_page(const core::Log& local, std::vector<Completion> items, ProviderState& state);

class SyncSession {
  public:
    SyncSession(Transport& transport, std::function<double()> random01, RetryPolicy policy = {});

    // Starts a run for `state.provider` with an access token (kept in memory only); `dpop`: the token
    // is DPoP-bound, so every request asks the transport for a proof (transport.h).
    // Precondition: phase() != pending.
    void start(std::string access_token, ProviderState state, double now_unix_ms, int page_limit = 200,
               bool dpop = false);
    // Advances the run; `local` is the store's committed log now.
    void poll(double now_unix_ms, const core::Log& local);
    void cancel();

    SyncPhase phase() const { return m_phase; }
    const SyncProgress& progress() const { return m_progress; }
    const std::string& error() const { return m_error; } // plain words when failed
    bool needs_sign_in() const { return m_needs_sign_in; }

    // A page is waiting to be committed: take_batch() hands it over (once); report the commit with
    // batch_done().
    bool has_batch() const { return m_step == Step::batch_wait && !m_batch_taken; }
    SyncBatch take_batch() {
        m_batch_taken = true;
        return std::move(m_batch);
    }
    void batch_done(bool ok, const std::string& error);
    // The state changed and must be saved (outbox entry pushed, cursor advanced) before the run
    // goes on. Report the save with save_done().
    bool wants_save() const { return m_step == Step::save_wait && !m_save_taken; }
    void save_taken() { m_save_taken = true; }
    void save_done(bool ok, const std::string& error);
    const ProviderState& state() const { return m_state; }

  private:
    enum class Step { none, push, pull, certificates, batch_wait, save_wait };
    struct Flight {
        HttpRequest request;
        RequestId id = 0;
        int attempt = 0;
        double retry_at = 0.0;
        // A next page that arrived while the previous one was being stored: its response, and the
        // page already decoded from it (decoding does not depend on the local log).
        std::optional<HttpResponse> arrived;
        std::optional<core::Result<CompletionsPage>> page;
    };

    std::optional<HttpResponse> advance(Flight& f, double now);
    void prefetch_next(double now);
    void listen_prefetch(double now);
    void drop_prefetch();
    HttpRequest authorized(std::string method, std::string url) const;
    void fail(std::string message);
    std::string http_failure(const HttpResponse& r, const char* what);
    void next_push(double now);
    void start_page(double now);
    void on_page(const HttpResponse& r, std::optional<core::Result<CompletionsPage>> decoded, const core::Log& local);
    void after_save(double now);

    Transport& m_transport;
    std::function<double()> m_random;
    RetryPolicy m_policy;
    std::string m_token;
    bool m_dpop = false;
    ProviderState m_state;
    SyncPhase m_phase = SyncPhase::idle;
    SyncProgress m_progress;
    std::string m_error;
    bool m_needs_sign_in = false;
    Step m_step = Step::none;
    Step m_after_save = Step::none;
    Flight m_flight;
    // The next page, requested while this one is stored (its cursor comes from the page, not from
    // our commit); adopted by start_page() when the run goes on to exactly that request.
    Flight m_prefetch;
    std::size_t m_push_index = 0;
    int m_limit = 200;
    bool m_restarted = false;
    std::string m_next_cursor;
    bool m_has_more = false;
    SyncBatch m_batch;
    bool m_batch_taken = false, m_save_taken = false;
    std::vector<std::size_t> m_cert_queue; // indexes into m_batch.puts needing a certificate
    std::unordered_map<std::string, CertificateRef> m_cert_refs; // activity id -> certificate
    double m_now = 0.0;
};

// "2025-03-01T10:00:00Z" for a Unix time in ms (UTC).
std::string iso_utc(double unix_ms);

} // namespace recert::sync
