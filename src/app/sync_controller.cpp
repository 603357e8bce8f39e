// The provider-sync controller: see sync_controller.h.
#include "app/sync_controller.h"

#include "sync/discovery.h"
#include "sync/pkce.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <unordered_set>

namespace recert::app {
namespace {

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '/'))
        s.pop_back();
    while (!s.empty() && s.front() == ' ')
        s.erase(s.begin());
    return s;
}

std::string uuid_v4(std::vector<std::uint8_t> b) {
    b.resize(16);
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3f) | 0x80);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += hex[b[i] >> 4];
        out += hex[b[i] & 15];
    }
    return out;
}

std::string credits_text(const sync::Completion& c) {
    if (c.credits.empty())
        return {};
    const auto& k = c.credits.front();
    std::string out = k.amount.to_string() + " " + std::string(core::unit_label(k.unit));
    if (!k.accrediting_body.empty())
        out += " · " + k.accrediting_body;
    return out;
}

} // namespace

SyncController::SyncController(storage::Store& store, const core::PackSet& packs, sync::SyncStore& sync_store,
                               sync::Transport& transport, SyncPlatform platform)
    : m_store(store), m_writer(store, packs), m_sync_store(sync_store), m_transport(transport), m_platform(std::move(platform)),
      m_session(transport, m_platform.random01 ? m_platform.random01 : [] { return 0.5; }, m_platform.retry) {}

std::string SyncController::random_token(std::size_t bytes) {
    std::vector<std::uint8_t> b = m_platform.random_bytes ? m_platform.random_bytes(bytes) : std::vector<std::uint8_t>(bytes, 7);
    b.resize(bytes);
    return sync::base64url(b);
}

core::Date SyncController::today(const ui::AppState& state) const {
    if (state.data.loaded) return state.data.today;
    return core::Date::from_serial(static_cast<std::int32_t>(std::floor(m_now / 86'400'000.0)));
}

sync::ProviderState& SyncController::provider_state() {
    sync::ProviderState& s = m_disk.providers[m_disk.config.base_url];
    s.provider = m_disk.config.base_url;
    return s;
}

void SyncController::save_provider_state(const sync::ProviderState& s) {
    m_disk.providers[s.provider] = s;
    m_background_saves.push_back(m_sync_store.save_provider(s));
}

void SyncController::complete_sign_in(const std::string& code, const std::string& returned_state,
                                      const std::string& pending) {
    m_pending_code = code;
    m_pending_state = returned_state;
    m_pending_json = pending;
}

void SyncController::sign_in_refused(const std::string& provider_error) {
    m_error = provider_error == "access_denied"
                  ? "Sign-in was cancelled on the provider's page. Sync stays off until you sign in."
                  : "The provider could not sign you in (" + provider_error.substr(0, 80) + "). Try again.";
}

void SyncController::handle(ui::AppState& state, const ui::SyncIntent& intent) {
    const bool running = this->running();
    switch (intent.action) {
    case ui::SyncAction::save_provider: {
        sync::SyncConfig c{trim(state.sync.base_url), trim(state.sync.client_id)};
        if (c.base_url.rfind("https://", 0) != 0 && c.base_url.rfind("http://", 0) != 0) {
            m_error = "The provider address must start with https:// (for example https://ce.example.org/api).";
            return;
        }
        if (c.client_id.empty()) {
            m_error = "Enter the client id the provider gave you for Recert.";
            return;
        }
        if (running || m_auth != Auth::none)
            return;
        if (sync::metadata_urls(c.base_url).empty()) {
            m_error = "The provider address must be an https:// address without ? or # in it (plain http:// only "
                      "for a provider on this computer).";
            return;
        }
        if (c.base_url != m_disk.config.base_url)
            forget_tokens();
        start_discovery(std::move(c), false);
        return;
    }
    case ui::SyncAction::sign_in: {
        if (m_auth == Auth::discover) {
            m_sign_in_after_discovery = true; // once the provider is found
            return;
        }
        if (m_disk.config.base_url.empty() || !m_platform.navigate || m_auth != Auth::none)
            return;
        if (m_disk.config.token_endpoint.empty()) { // saved before discovery: find it first
            start_discovery(m_disk.config, true);
            return;
        }
        navigate_to_sign_in();
        return;
    }
    case ui::SyncAction::sign_out:
        if (running)
            return;
        revoke_and_forget();
        m_result = "Signed out. The synced activities stay in your records.";
        return;
    case ui::SyncAction::stay_signed_in:
        if (!m_platform.keep_refresh_token)
            return;
        if (intent.arg == "1") {
            m_stay = true;
            keep_refresh_token();
        } else {
            m_platform.keep_refresh_token("");
            m_stay = false;
        }
        return;
    case ui::SyncAction::sync_now:
        if (running || m_token.empty() || !m_loaded)
            return;
        m_want_sync = true;
        m_refresh_tried = false;
        m_error.clear();
        m_result.clear();
        return;
    case ui::SyncAction::accept_held:
    case ui::SyncAction::reject_held: {
        if (running)
            return;
        sync::ProviderState& ps = provider_state();
        auto it = std::find_if(ps.held.begin(), ps.held.end(),
                               [&](const sync::HeldItem& h) { return h.completion.id == intent.arg; });
        if (it == ps.held.end())
            return;
        if (intent.action == ui::SyncAction::reject_held) {
            ps.skipped.push_back(it->completion.id);
            ps.held.erase(it);
            save_provider_state(ps);
            m_result = "Skipped: your own entry stays as it is.";
            return;
        }
        if (it->quarantined()) {
            m_result = "This item cannot be imported as the provider sent it (" + it->reason +
                       "). Skip it, or sync again once the provider has corrected it.";
            return;
        }
        for (const auto& [id, op] : m_accepts)
            if (id == intent.arg)
                return; // already being imported
        storage::ChangeSet changes;
        core::Activity accepted = sync::to_activity(it->completion, ps.provider);
        sync::Assignments(state.data.log).apply(accepted);
        changes.activities.push_back({std::move(accepted), 0});
        m_accepts.emplace_back(intent.arg, m_writer.write(std::move(changes), today(state)));
        return;
    }
    case ui::SyncAction::queue_self_reports: {
        if (running || m_disk.config.base_url.empty())
            return;
        sync::ProviderState& ps = provider_state();
        const int n = sync::queue_self_reports(ps, m_store.committed().activities, [&] {
            return uuid_v4(m_platform.random_bytes ? m_platform.random_bytes(16) : std::vector<std::uint8_t>(16, 3));
        });
        if (n > 0)
            save_provider_state(ps);
        m_result = n == 0 ? "Nothing new to send." : std::to_string(n) + " self-report" + (n == 1 ? "" : "s") +
                                                           " queued: they are sent with the next sync.";
        return;
    }
    }
}

// [SECTION] Discovery, sign-in, refresh and revocation

void SyncController::start_discovery(sync::SyncConfig c, bool then_sign_in) {
    m_discover_urls = sync::metadata_urls(c.base_url);
    m_discover_index = 0;
    m_discovering = std::move(c);
    m_sign_in_after_discovery = then_sign_in;
    sync::HttpRequest r;
    r.url = m_discover_urls.at(0);
    r.headers = {{"Accept", "application/json"}};
    m_auth_req = m_transport.send(std::move(r));
    m_auth = Auth::discover;
    m_error.clear();
    m_result = "Looking up the provider…";
}

// One metadata answer: the document taken (the config saved), or the next address tried, or the
// reason none worked. A document that is there but wrong is refused at once, with its location.
void SyncController::on_discovery(const sync::HttpResponse& r) {
    const std::string& url = m_discover_urls[m_discover_index];
    std::string why;
    if (r.status == 200) {
        auto m = sync::decode_metadata(r.body, m_discovering.base_url, "GET " + url);
        if (m) {
            m_auth = Auth::none;
            m_discovering.authorization_endpoint = m.value().authorization_endpoint;
            m_discovering.token_endpoint = m.value().token_endpoint;
            m_discovering.revocation_endpoint = m.value().revocation_endpoint;
            m_discovering.dpop = m.value().dpop();
            m_disk.config = m_discovering;
            m_background_saves.push_back(m_sync_store.save_config(m_disk.config));
            m_result = "Provider saved. Sign in to sync.";
            if (m_sign_in_after_discovery) {
                m_sign_in_after_discovery = false;
                navigate_to_sign_in();
            }
            return;
        }
        why = m.error().to_string();
    } else {
        why = r.status == 0 ? "the provider could not be reached" : "HTTP " + std::to_string(r.status) + " at " + url;
        if (m_discover_index + 1 < m_discover_urls.size()) {
            sync::HttpRequest next;
            next.url = m_discover_urls[++m_discover_index];
            next.headers = {{"Accept", "application/json"}};
            m_auth_req = m_transport.send(std::move(next));
            return;
        }
    }
    m_auth = Auth::none;
    m_sign_in_after_discovery = false;
    m_result.clear();
    m_error = "Recert could not find the provider's sign-in settings at " + m_discovering.base_url + " (" +
              why.substr(0, 300) + "). Check the address; nothing was changed.";
}

void SyncController::navigate_to_sign_in() {
    const std::vector<std::uint8_t> r =
        m_platform.random_bytes ? m_platform.random_bytes(32) : std::vector<std::uint8_t>(32, 1);
    const std::string verifier = sync::make_code_verifier(r);
    const std::string st = random_token(16);
    const nlohmann::json pending = {{"state", st},
                                    {"verifier", verifier},
                                    {"base_url", m_disk.config.base_url},
                                    {"client_id", m_disk.config.client_id},
                                    {"stay", m_stay}}; // the choice outlives the redirect
    if (m_platform.remember_sign_in)
        m_platform.remember_sign_in(pending.dump());
    sync::AuthorizeParams p{m_disk.config.base_url, m_disk.config.client_id, m_platform.redirect_uri, st};
    p.endpoint = m_disk.config.authorization_endpoint;
    m_platform.navigate(sync::authorize_url(p, sync::code_challenge_s256(verifier)));
}

void SyncController::start_refresh() {
    sync::HttpRequest r;
    r.method = "POST";
    r.url = m_disk.config.token_endpoint.empty() ? sync::token_url(m_disk.config.base_url) : m_disk.config.token_endpoint;
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
    if (m_disk.config.dpop)
        r.headers.emplace_back("DPoP", sync::dpop_proof_wanted);
    r.body = sync::refresh_request_body(m_refresh_token, m_disk.config.client_id);
    m_auth_req = m_transport.send(std::move(r));
    m_auth = Auth::refresh;
    m_refresh_tried = true;
}

// The refresh answer: new tokens (the run goes on), or the sign-in has ended (the person is asked).
void SyncController::on_refresh(const sync::HttpResponse& r) {
    m_auth = Auth::none;
    auto t = r.status == 200 ? sync::decode_token_grant(r.body, m_disk.config.dpop)
                             : core::Result<sync::TokenGrant>(core::Error{"", "", "HTTP " + std::to_string(r.status)});
    if (t) {
        m_result = m_result == "Signing you in again…" ? "" : m_result;
        m_token = t.value().access_token;
        m_token_dpop = t.value().dpop;
        if (!t.value().refresh_token.empty()) {
            m_refresh_token = t.value().refresh_token; // rotated: the old one is spent
            keep_refresh_token();
        }
        if (m_account.empty())
            m_account = provider_state().account;
        if (m_retry_after_refresh)
            m_want_sync = true;
        m_retry_after_refresh = false;
        return;
    }
    const bool offline = r.status == 0;
    if (m_retry_after_refresh)
        ++m_runs_finished; // the run that needed it ends here
    m_retry_after_refresh = false;
    if (offline) {
        m_error = "The provider could not be reached to renew your sign-in. Nothing was lost: try again later.";
        return; // the refresh token may still be good
    }
    forget_tokens();
    m_error = "Your sign-in with the provider has ended. Sign in again to sync; nothing was lost.";
}

// Signing out: the provider is told to end the sign-in (refresh token, then access token); ours are
// forgotten at once either way.
void SyncController::revoke_and_forget() {
    const std::string& at = m_disk.config.revocation_endpoint;
    if (!at.empty()) {
        for (const auto& [token, hint] : {std::pair{m_refresh_token, "refresh_token"}, std::pair{m_token, "access_token"}}) {
            if (token.empty())
                continue;
            sync::HttpRequest r;
            r.method = "POST";
            r.url = at;
            r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
            r.body = sync::revocation_request_body(token, hint, m_disk.config.client_id);
            m_revocations.push_back(m_transport.send(std::move(r)));
        }
    }
    forget_tokens();
}

void SyncController::finish_revocations() {
    std::erase_if(m_revocations, [&](sync::RequestId id) {
        auto r = m_transport.poll(id);
        if (!r)
            return false;
        if (r->status != 200)
            m_error = "Signed out here, but the provider could not be told (" +
                      (r->status == 0 ? std::string("it could not be reached") : "HTTP " + std::to_string(r->status)) +
                      "); that sign-in ends on its own when it expires.";
        return true;
    });
}

void SyncController::keep_refresh_token() {
    if (m_stay && m_platform.keep_refresh_token && !m_refresh_token.empty())
        m_platform.keep_refresh_token(m_refresh_token);
}

void SyncController::restore_kept_sign_in(std::string refresh_token) {
    if (refresh_token.empty())
        return;
    m_stay = true;
    m_kept = std::move(refresh_token);
}

// At start-up with a kept refresh token: sign in with it once the provider's settings are read.
bool SyncController::resume_kept_sign_in() {
    if (!m_kept || !m_loaded || m_auth != Auth::none)
        return false;
    if (m_pending_code || !m_token.empty() || m_disk.config.token_endpoint.empty()) {
        m_kept.reset(); // a new sign-in is being finished, or nothing to refresh at
        return false;
    }
    m_refresh_token = std::move(*m_kept);
    m_kept.reset();
    m_retry_after_refresh = false;
    start_refresh();
    m_result = "Signing you in again…";
    return true;
}

void SyncController::forget_tokens() {
    if (m_platform.keep_refresh_token && m_stay)
        m_platform.keep_refresh_token(""); // nothing stays behind on this device
    m_token.clear();
    m_token.shrink_to_fit();
    m_refresh_token.clear();
    m_refresh_token.shrink_to_fit();
    m_account.clear();
}

// The deployment's known providers: asked for once; a missing file means none (manual entry only), a
// bad one is said in words and offers nothing.
bool SyncController::poll_deployment_config() {
    if (m_platform.config_url.empty())
        return false;
    if (!m_config_asked) {
        m_config_asked = true;
        sync::HttpRequest r;
        r.url = m_platform.config_url;
        r.headers = {{"Accept", "application/json"}};
        m_config_req = m_transport.send(std::move(r));
        return false;
    }
    if (!m_config_req)
        return false;
    auto r = m_transport.poll(m_config_req);
    if (!r)
        return false;
    m_config_req = 0;
    if (r->status != 200)
        return false; // no list: the address and client id are typed
    auto known = sync::decode_deployment_config(r->body);
    if (known)
        m_known = std::move(known.value());
    else
        m_known_note = "This Recert's list of providers could not be used (" + known.error().to_string() +
                       "). Enter the provider's address and client id yourself.";
    return true;
}

// The sync state, once read (or the error reading it).
bool SyncController::finish_load(ui::AppState& state) {
    bool changed = false;
    if (!m_loaded && m_load != 0) {
        const sync::StoreOp st = m_sync_store.state(m_load);
        if (st == sync::StoreOp::ok) {
            m_loaded = true;
            m_disk = m_sync_store.disk();
            state.sync.base_url = m_disk.config.base_url;
            state.sync.client_id = m_disk.config.client_id;
            changed = true;
        } else if (st == sync::StoreOp::failed && m_load_error.empty()) {
            m_load_error = "Recert could not read its sync state (" + m_sync_store.error(m_load) +
                           "). Your records are not affected.";
            changed = true;
        }
    }
    return changed;
}

// Background saves (settings, queue, held decisions): a failed one is reported.
void SyncController::finish_background_saves() {
    std::erase_if(m_background_saves, [&](sync::SyncOpId id) {
        const sync::StoreOp st = m_sync_store.state(id);
        if (st == sync::StoreOp::failed)
            m_error = "Recert could not save its sync state (" + m_sync_store.error(id) + ").";
        return st != sync::StoreOp::pending;
    });
}

// Sign-in: exchange the code (once the sync state is loaded), then ask who signed in.
bool SyncController::exchange_code() {
    if (!m_pending_code || !m_loaded || m_auth != Auth::none)
        return false;
    std::string base, client, verifier, expected;
    try {
        auto j = nlohmann::json::parse(*m_pending_json);
        base = j.at("base_url").get<std::string>();
        client = j.at("client_id").get<std::string>();
        verifier = j.at("verifier").get<std::string>();
        expected = j.at("state").get<std::string>();
        m_stay = j.value("stay", false) && m_platform.keep_refresh_token;
    } catch (const std::exception&) {
    }
    if (expected.empty() || expected != *m_pending_state || base != m_disk.config.base_url) {
        m_error = "The sign-in could not be finished (it was started in another tab or has expired). "
                  "Sign in again.";
    } else {
        sync::HttpRequest r;
        r.method = "POST";
        r.url = m_disk.config.token_endpoint.empty() ? sync::token_url(base) : m_disk.config.token_endpoint;
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
        if (m_disk.config.dpop)
            r.headers.emplace_back("DPoP", sync::dpop_proof_wanted);
        r.body = sync::token_request_body(*m_pending_code, verifier, client, m_platform.redirect_uri);
        m_auth_req = m_transport.send(std::move(r));
        m_auth = Auth::token;
        m_result = "Signing in…";
    }
    m_pending_code.reset();
    m_pending_json.reset();
    return true;
}

// The token, then the account: the answers of the sign-in requests.
bool SyncController::poll_sign_in() {
    const auto r = m_transport.poll(m_auth_req);
    if (!r)
        return false;
    if (m_auth == Auth::discover) {
        on_discovery(*r);
    } else if (m_auth == Auth::refresh) {
        on_refresh(*r);
    } else if (m_auth == Auth::token) {
        auto t = r->status == 200 ? sync::decode_token_grant(r->body, m_disk.config.dpop)
                                  : core::Result<sync::TokenGrant>(core::Error{
                                        "", "", r->status == 0 ? "the provider could not be reached"
                                                               : "HTTP " + std::to_string(r->status)});
        if (!t) {
            m_error = "Sign-in failed: " + t.error().to_string() + ".";
            m_result.clear();
            m_auth = Auth::none;
        } else {
            m_token = t.value().access_token;
            m_token_dpop = t.value().dpop;
            m_refresh_token = t.value().refresh_token;
            keep_refresh_token();
            sync::HttpRequest me;
            me.url = sync::me_url(m_disk.config.base_url);
            me.headers = {{"Accept", "application/json"}};
            sync::add_authorization(me, m_token, m_token_dpop);
            m_auth_req = m_transport.send(std::move(me));
            m_auth = Auth::me;
        }
    } else {
        m_auth = Auth::none;
        auto me = r->status == 200 ? sync::decode_me(r->body)
                                   : core::Result<sync::Me>(core::Error{"", "", "HTTP " + std::to_string(r->status)});
        if (me) {
            m_account = me.value().name.empty() ? me.value().id : me.value().name;
            m_result = "Signed in as " + m_account + ".";
            sync::ProviderState& ps = provider_state();
            if (ps.account != m_account) {
                ps.account = m_account;
                save_provider_state(ps);
            }
        } else {
            m_account = "(unknown account)";
            m_result = "Signed in.";
        }
    }
    return true;
}

// Accepted held items, once committed: drop them from the held list.
bool SyncController::finish_accepts() {
    bool changed = false;
    std::erase_if(m_accepts, [&](const std::pair<std::string, WriteId>& a) {
        const WriteResult st = m_writer.result(a.second);
        if (st.pending())
            return false;
        m_writer.forget(a.second);
        sync::ProviderState& ps = provider_state();
        if (st.ok()) {
            std::erase_if(ps.held, [&](const sync::HeldItem& h) { return h.completion.id == a.first; });
            save_provider_state(ps);
            m_result = "Imported from the provider.";
        } else {
            m_error = "Not imported: " + st.message;
        }
        changed = true;
        return true;
    });
    return changed;
}

// Starting a run: one tab at a time.
bool SyncController::start_when_locked(double now) {
    bool changed = false;
    bool held = true;
    if (m_platform.lock_request) {
        if (m_lock < 0)
            m_lock = m_platform.lock_request();
        const int ls = m_platform.lock_state(m_lock);
        held = ls == 1;
        if (ls == 2) {
            m_lock = -1;
            m_want_sync = false;
            m_error = "Another Recert tab is syncing with this provider right now. Try again when it has finished.";
            ++m_runs_finished;
            changed = true;
        }
    }
    if (held && m_want_sync) {
        // Another tab may have moved the cursor or the outbox on since this tab read them: with the
        // lock held (no other tab writes now) and this tab's own saves landed, read them again.
        if (!m_background_saves.empty())
            return changed;
        if (m_reload == 0) {
            m_reload = m_sync_store.load();
            return changed;
        }
        const sync::StoreOp st = m_sync_store.state(m_reload);
        if (st == sync::StoreOp::pending)
            return changed;
        const sync::SyncOpId op = std::exchange(m_reload, 0);
        if (st == sync::StoreOp::failed) {
            if (m_platform.lock_release && m_lock >= 0)
                m_platform.lock_release(m_lock);
            m_lock = -1;
            m_want_sync = false;
            m_error = "Recert could not read its sync state (" + m_sync_store.error(op) + "). Nothing was changed.";
            ++m_runs_finished;
            return true;
        }
        for (const auto& [provider, s] : m_sync_store.disk().providers)
            m_disk.providers[provider] = s;
        m_lock_held = true;
        m_want_sync = false;
        m_session.start(m_token, provider_state(), now, m_platform.page_limit, m_token_dpop);
        m_last_phase = sync::SyncPhase::pending; // a run that ends within this tick is still reported
        changed = true;
    }
    return changed;
}

// The run's pages go to the record writer, its position to the sync store.
void SyncController::advance_run(ui::AppState& state) {
    m_session.poll(m_now, m_store.committed());
    if (m_session.has_batch()) {
        sync::SyncBatch b = m_session.take_batch();
        if (b.puts.empty()) {
            m_session.batch_done(true, "");
        } else {
            storage::ChangeSet changes;
            changes.activities.reserve(b.puts.size());
            for (auto& [record, rev] : b.puts)
                changes.activities.push_back({std::move(record), rev});
            for (auto& f : b.files)
                changes.attachments.push_back({std::move(f.ref), std::move(f.bytes)});
            m_batch_op = m_writer.write(std::move(changes), today(state));
        }
    }
    if (m_batch_op) {
        const WriteResult st = m_writer.result(m_batch_op);
        if (!st.pending()) {
            m_writer.forget(m_batch_op);
            m_batch_op = 0;
            m_session.batch_done(st.ok(), st.message);
        }
    }
    if (m_session.wants_save()) {
        m_session.save_taken();
        m_save_op = m_sync_store.save_provider(m_session.state());
    }
    if (m_save_op) {
        const sync::StoreOp st = m_sync_store.state(m_save_op);
        if (st != sync::StoreOp::pending) {
            const bool ok = st == sync::StoreOp::ok;
            if (ok)
                m_disk.providers[m_session.state().provider] = m_session.state();
            const std::string err = ok ? std::string() : m_sync_store.error(m_save_op);
            m_save_op = 0;
            m_session.save_done(ok, err);
        }
    }
}

// A run that ended: the lock is released, the outcome reported.
void SyncController::report_phase() {
    if (m_session.phase() == m_last_phase)
        return;
    m_last_phase = m_session.phase();
    if (m_session.phase() == sync::SyncPhase::failed && m_session.needs_sign_in() && !m_refresh_token.empty() &&
        !m_refresh_tried) {
        // Refused with 401: renew the access token once and go on from the saved position (the
        // pages already stored stay stored; the outbox is resent with the same idempotency keys).
        if (m_lock_held && m_platform.lock_release && m_lock >= 0)
            m_platform.lock_release(m_lock);
        m_lock = -1;
        m_lock_held = false;
        m_retry_after_refresh = true;
        start_refresh();
        return;
    }
    if (m_session.phase() != sync::SyncPhase::pending) {
        ++m_runs_finished;
        if (m_lock_held && m_platform.lock_release && m_lock >= 0)
            m_platform.lock_release(m_lock);
        m_lock = -1;
        m_lock_held = false;
    }
    if (m_session.phase() == sync::SyncPhase::ok) {
        const sync::SyncProgress& p = m_session.progress();
        char buf[200];
        std::snprintf(buf, sizeof buf, "Up to date: %d new, %d updated, %d revoked by the provider, %d self-report%s sent.",
                      p.added, p.updated, p.revoked, p.pushed, p.pushed == 1 ? "" : "s");
        m_result = buf;
        if (p.quarantined > 0)
            m_result += " " + std::to_string(p.quarantined) + " item" +
                        (p.quarantined == 1 ? " was" : "s were") +
                        " held back: see Incoming items to review.";
    } else if (m_session.phase() == sync::SyncPhase::failed) {
        m_error = m_session.error();
        if (m_session.needs_sign_in())
            forget_tokens();
    }
}

bool SyncController::tick(ui::AppState& state, const std::vector<ui::SyncIntent>& intents, double now) {
    m_now = now;
    if (!m_platform.unavailable_reason.empty()) {
        state.sync.available = false;
        state.sync.unavailable_reason = m_platform.unavailable_reason;
        return false; // what was asked is dropped: sync cannot run here
    }
    // The record store owns the database schema: read sync state only once it has opened it.
    if (m_load == 0 && m_store.load_status().state == storage::OpState::ok)
        m_load = m_sync_store.load();
    m_sync_store.poll();
    bool changed = finish_load(state);
    finish_background_saves();
    finish_revocations();
    changed |= resume_kept_sign_in();
    changed |= poll_deployment_config();
    if (exchange_code()) {
        // Back from the provider's sign-in page: where the person left, Settings › Sync, to see it finish.
        state.view = ui::View::settings;
        state.view_changed = true;
        state.reveal_sync = 3;
        changed = true;
    }
    if (m_auth != Auth::none)
        changed |= poll_sign_in();

    for (const ui::SyncIntent& i : intents) {
        handle(state, i);
        changed = true;
    }

    changed |= finish_accepts();
    if (m_want_sync)
        changed |= start_when_locked(now);
    // A finished step often makes the next one possible at once: a saved position starts the next
    // page (already fetched and decoded), whose batch is then written. Go on within this task:
    // waiting for the next tick cost a frame per page, and in a background tab (no frames) the
    // 250 ms timer's wait.
    for (int step = 0; step < 4; ++step) {
        advance_run(state);
        m_session.poll(now, m_store.committed()); // go on at once after a commit or save finished
        if (!m_session.has_batch() && !m_session.wants_save())
            break;
    }
    if (m_session.phase() != m_last_phase)
        changed = true;
    report_phase();
    if (m_session.phase() == sync::SyncPhase::pending)
        changed = true;
    fill(state);
    return changed;
}

void SyncController::fill(ui::AppState& state) {
    ui::SyncView& v = state.sync;
    v.available = true;
    v.unavailable_reason.clear();
    v.configured = !m_disk.config.base_url.empty() && !m_disk.config.client_id.empty();
    v.signed_in = !m_token.empty();
    v.can_stay_signed_in = static_cast<bool>(m_platform.keep_refresh_token) && m_disk.config.dpop;
    v.stay_signed_in = m_stay;
    v.known.clear();
    for (const sync::KnownProvider& k : m_known)
        v.known.push_back({k.name, k.address, k.client_id});
    v.known_note = m_known_note;
    v.account = m_account;
    v.running = m_session.phase() == sync::SyncPhase::pending || m_want_sync || m_auth != Auth::none;
    v.progress = m_session.phase() == sync::SyncPhase::pending ? m_session.progress().fraction() : 0.0f;
    v.step = m_session.phase() == sync::SyncPhase::pending ? m_session.progress().step : std::string();
    v.result = m_result;
    v.runs_finished = m_runs_finished;
    v.error = !m_load_error.empty() ? m_load_error : m_error;
    auto it = m_disk.providers.find(m_disk.config.base_url);
    const sync::ProviderState* ps = it == m_disk.providers.end() ? nullptr : &it->second;
    if (m_session.phase() == sync::SyncPhase::pending)
        ps = &m_session.state();
    v.last_synced = ps ? ps->last_synced : std::string();
    if (v.account.empty() && ps && v.signed_in)
        v.account = ps->account;
    v.held.clear();
    v.outbox.clear();
    if (ps) {
        for (const sync::HeldItem& h : ps->held)
            v.held.push_back({h.completion.id, h.completion.title,
                              h.completion.completed_at.to_string() + " · " + credits_text(h.completion),
                              h.quarantined() ? "Not imported: " + h.reason : h.local_title});
        for (const sync::OutboxEntry& e : ps->outbox)
            v.outbox.push_back({e.title, e.refused});
    }
    {
        const auto& activities = m_store.committed().activities;
        const bool counted = ps || !m_disk.config.base_url.empty();
        const std::array<std::uint64_t, 5> key{state.data.generation, activities.size(),
                                               ps ? ps->outbox.size() : 0, ps ? ps->pushed.size() : 0,
                                               counted ? 1u : 0u};
        if (key != m_queueable_key) {
            m_queueable_key = key;
            int n = 0;
            if (counted) {
                // One set of the ids already queued or pushed, instead of a scan per activity.
                std::unordered_set<std::string_view> sent;
                if (ps) {
                    for (const auto& e : ps->outbox) sent.insert(e.activity_id);
                    for (const auto& [id, remote] : ps->pushed) sent.insert(id);
                }
                for (const core::Activity& a : activities)
                    if (a.source == core::ActivitySource::self_reported && a.status != core::ActivityStatus::planned &&
                        a.status != core::ActivityStatus::rejected && !sent.count(a.id))
                        ++n;
            }
            m_queueable = n;
        }
        v.queueable = m_queueable;
    }
}

} // namespace recert::app
