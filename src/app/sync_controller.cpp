// The provider-sync controller: see sync_controller.h.
#include "app/sync_controller.h"

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
    const bool running = m_session.phase() == sync::SyncPhase::pending || m_want_sync;
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
        if (running)
            return;
        if (c.base_url != m_disk.config.base_url) {
            m_token.clear();
            m_account.clear();
        }
        m_disk.config = c;
        m_background_saves.push_back(m_sync_store.save_config(c));
        m_error.clear();
        m_result = "Provider saved. Sign in to sync.";
        return;
    }
    case ui::SyncAction::sign_in: {
        if (m_disk.config.base_url.empty() || !m_platform.navigate)
            return;
        const std::vector<std::uint8_t> r =
            m_platform.random_bytes ? m_platform.random_bytes(32) : std::vector<std::uint8_t>(32, 1);
        const std::string verifier = sync::make_code_verifier(r);
        const std::string st = random_token(16);
        const nlohmann::json pending = {{"state", st},
                                        {"verifier", verifier},
                                        {"base_url", m_disk.config.base_url},
                                        {"client_id", m_disk.config.client_id}};
        if (m_platform.remember_sign_in)
            m_platform.remember_sign_in(pending.dump());
        sync::AuthorizeParams p{m_disk.config.base_url, m_disk.config.client_id, m_platform.redirect_uri, st};
        m_platform.navigate(sync::authorize_url(p, sync::code_challenge_s256(verifier)));
        return;
    }
    case ui::SyncAction::sign_out:
        if (running)
            return;
        m_token.clear();
        m_account.clear();
        m_result = "Signed out. The synced activities stay in your records.";
        return;
    case ui::SyncAction::sync_now:
        if (running || m_token.empty() || !m_loaded)
            return;
        m_want_sync = true;
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
    } catch (const std::exception&) {
    }
    if (expected.empty() || expected != *m_pending_state || base != m_disk.config.base_url) {
        m_error = "The sign-in could not be finished (it was started in another tab or has expired). "
                  "Sign in again.";
    } else {
        sync::HttpRequest r;
        r.method = "POST";
        r.url = sync::token_url(base);
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
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
    if (m_auth == Auth::token) {
        auto t = r->status == 200 ? sync::decode_token(r->body)
                                  : core::Result<sync::TokenResponse>(core::Error{
                                        "", "", r->status == 0 ? "the provider could not be reached"
                                                               : "HTTP " + std::to_string(r->status)});
        if (!t) {
            m_error = "Sign-in failed: " + t.error().to_string() + ".";
            m_result.clear();
            m_auth = Auth::none;
        } else {
            m_token = t.value().access_token;
            sync::HttpRequest me;
            me.url = sync::me_url(m_disk.config.base_url);
            me.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer " + m_token}};
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
        m_lock_held = true;
        m_want_sync = false;
        m_session.start(m_token, provider_state(), now, m_platform.page_limit);
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
        if (m_session.needs_sign_in()) {
            m_token.clear();
            m_account.clear();
        }
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
    advance_run(state);
    m_session.poll(now, m_store.committed()); // go on at once after a commit or save finished
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
