// The provider-sync controller (issue #7): carries out the UI's SyncIntents, drives a sync run
// (sync::SyncSession) and commits each page to the record store, persists the cursor and the outbox
// (sync::SyncStore), and fills AppState::sync every frame. Pure C++ like Controller: tested natively
// with the memory stores and an in-process fake provider (tests/sync).
// The access and refresh tokens live only in this object's memory: never in a store, a backup, an
// export or a log. Saving a provider first finds it (discovery.h: its metadata gives the sign-in
// endpoints); a run refused with 401 refreshes the token once (rotation: the provider's new refresh
// token replaces ours) and goes on, and only then asks the person to sign in; signing out revokes.
#pragma once

#include "app/record_writer.h"
#include "storage/store.h"
#include "sync/discovery.h"
#include "sync/session.h"
#include "sync/sync_store.h"
#include "ui/app_state.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace recert::app {

// What the browser provides (defaults suit native tests: no redirect, the lock always granted).
struct SyncPlatform {
    std::function<double()> random01;           // uniform [0, 1): backoff jitter
    std::function<std::vector<std::uint8_t>(std::size_t)> random_bytes; // PKCE verifier, state, keys
    std::function<void(const std::string& url)> navigate;             // the sign-in redirect
    std::function<void(const std::string& json)> remember_sign_in;    // sessionStorage, for the redirect
    std::string redirect_uri;                   // where the provider sends the person back
    // One tab syncs at a time (Web Locks): request returns a handle; state 0 = waiting, 1 = held,
    // 2 = another tab holds it. Empty functions = always held.
    std::function<int()> lock_request;
    std::function<int(int)> lock_state;
    std::function<void(int)> lock_release;
    std::string unavailable_reason;             // non-empty: sync cannot work here (embedded, …)
    // "Stay signed in on this device": keeps the refresh token next to the DPoP key ("" forgets it).
    // Empty = cannot keep (the choice is then shown disabled).
    std::function<void(const std::string& refresh_token)> keep_refresh_token;
    // The deployment's list of known providers (discovery.h), fetched once at start; "" = none.
    std::string config_url;
    sync::RetryPolicy retry;                    // backoff and per-request timeout
    int page_limit = 200;                       // completions per page
};

class SyncController {
  public:
    // `packs` (the record writer's checks) must outlive the controller.
    SyncController(storage::Store& store, const core::PackSet& packs, sync::SyncStore& sync_store,
                   sync::Transport& transport, SyncPlatform platform);

    // Once per frame, after Controller::tick (through app::dispatch, which hands it the sync intents
    // the UI left in AppState::intents). `now_unix_ms` is the wall clock (backoff, last synced).
    // Returns true when something visible changed.
    bool tick(ui::AppState& state, const std::vector<ui::SyncIntent>& intents, double now_unix_ms);

    // Finishes a sign-in redirect: `query` holds code and state from the provider, `pending` what
    // remember_sign_in() saved before leaving. Exchanges the code for a token (in memory only).
    void complete_sign_in(const std::string& code, const std::string& returned_state, const std::string& pending);
    // The provider sent the person back without a code (they denied, or it failed).
    void sign_in_refused(const std::string& provider_error);
    // A refresh token kept by "Stay signed in" (read at start-up): once the sync state is loaded the
    // controller signs in with it (a refresh), unless a sign-in redirect is being finished.
    void restore_kept_sign_in(std::string refresh_token);

    // A run is under way (or about to start): the main loop spaces out its background redraws.
    bool running() const {
        return m_want_sync || m_session.phase() == sync::SyncPhase::pending || m_auth == Auth::refresh;
    }

    // Test access.
    bool signed_in() const { return !m_token.empty(); }
    const sync::SyncSession& session() const { return m_session; }

  private:
    enum class Auth { none, discover, token, me, refresh };
    void handle(ui::AppState& state, const ui::SyncIntent& intent);
    // The steps of tick(), in order; those returning bool return whether something visible changed.
    bool finish_load(ui::AppState& state);
    void finish_background_saves();
    bool exchange_code();
    bool poll_sign_in();
    // Discovery: the metadata addresses tried in turn, then the config saved (and sign-in, if asked).
    void start_discovery(sync::SyncConfig c, bool then_sign_in);
    void on_discovery(const sync::HttpResponse& r);
    void navigate_to_sign_in();
    // Refresh (once per run, after a 401) and its answer; revocation on sign-out.
    void start_refresh();
    void on_refresh(const sync::HttpResponse& r);
    void revoke_and_forget();
    void finish_revocations();
    void forget_tokens();
    bool finish_accepts();
    bool start_when_locked(double now);
    void advance_run(ui::AppState& state);
    void report_phase();
    void fill(ui::AppState& state);
    void start_sync(ui::AppState& state);
    void save_provider_state(const sync::ProviderState& s);
    sync::ProviderState& provider_state();
    std::string random_token(std::size_t bytes);
    // The day the record writer checks against: the dashboard's, or (before it loaded) the UTC day.
    core::Date today(const ui::AppState& state) const;

    storage::Store& m_store;
    RecordWriter m_writer;
    sync::SyncStore& m_sync_store;
    sync::Transport& m_transport;
    SyncPlatform m_platform;
    sync::SyncSession m_session;
    sync::SyncOpId m_load = 0;
    bool m_loaded = false;
    std::string m_load_error;
    sync::SyncDisk m_disk;          // our copy, saved through m_sync_store
    std::string m_token;            // the access token: memory only
    std::string m_refresh_token;    // memory only; "" = none (sign in again when the access token ends)
    bool m_refresh_tried = false;   // this run already refreshed once
    bool m_retry_after_refresh = false;
    bool m_token_dpop = false;      // the access token is DPoP-bound
    bool m_stay = false;            // "Stay signed in on this device"
    std::optional<std::string> m_kept; // a kept refresh token not yet used
    void keep_refresh_token();
    bool resume_kept_sign_in();
    std::vector<sync::RequestId> m_revocations;
    // The deployment's known providers (recert.config.json).
    sync::RequestId m_config_req = 0;
    bool m_config_asked = false;
    std::vector<sync::KnownProvider> m_known;
    std::string m_known_note;
    bool poll_deployment_config();
    // Discovery in progress.
    sync::SyncConfig m_discovering;
    std::vector<std::string> m_discover_urls;
    std::size_t m_discover_index = 0;
    bool m_sign_in_after_discovery = false;
    std::string m_account;
    // Sign-in in progress.
    Auth m_auth = Auth::none;
    sync::RequestId m_auth_req = 0;
    std::string m_auth_error;
    std::optional<std::string> m_pending_code, m_pending_state, m_pending_json;
    // A run in progress.
    bool m_want_sync = false;
    sync::SyncOpId m_reload = 0;    // the sync state read again before a run
    int m_lock = -1;
    bool m_lock_held = false;
    WriteId m_batch_op = 0;
    sync::SyncOpId m_save_op = 0;
    std::vector<sync::SyncOpId> m_background_saves;
    std::string m_result, m_error;
    sync::SyncPhase m_last_phase = sync::SyncPhase::idle;
    int m_runs_finished = 0;
    // fill() runs every frame: the count of self-reports not yet sent is recomputed only when the
    // records or the provider's outbox/pushed lists changed (key: generation and sizes).
    std::array<std::uint64_t, 5> m_queueable_key{};
    int m_queueable = 0;
    double m_now = 0.0;
    std::uint64_t m_generation = 0;
    // Held-item decisions being committed: external id -> write.
    std::vector<std::pair<std::string, WriteId>> m_accepts;
};

} // namespace recert::app
