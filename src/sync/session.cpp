// The sync run's state machine: see session.h.
#include "sync/session.h"

#include "core/duplicates.h"
#include "core/record_index.h"
#include "core/sha256.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace recert::sync {
namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

float SyncProgress::fraction() const {
    const int total_push = to_push;
    const int pull_total = received + expected;
    const float push_part = total_push > 0 ? float(pushed + refused) / float(total_push) : 1.0f;
    const float pull_part = pull_total > 0 ? float(received) / float(pull_total) : 0.0f;
    return total_push > 0 ? 0.2f * push_part + 0.8f * pull_part : pull_part;
}

std::string iso_utc(double unix_ms) {
    const auto secs = static_cast<long long>(std::floor(unix_ms / 1000.0));
    long long days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    const core::Date d = core::Date::from_serial(static_cast<std::int32_t>(days));
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ", d.to_string().c_str(), rem / 3600, (rem / 60) % 60,
                  rem % 60);
    return buf;
}

// [SECTION] Planning a page

Assignments::Assignments(const core::Log& local) {
    for (const core::Activity& a : local.activities)
        if (a.provider_link && !a.provider_link->assigned_to.empty())
            m_by_key.try_emplace(core::accreditation_key(a), a.provider_link->assigned_to);
}

void Assignments::apply(core::Activity& a) const {
    if (m_by_key.empty() || !a.provider_link)
        return;
    if (auto it = m_by_key.find(core::accreditation_key(a)); it != m_by_key.end())
        a.provider_link->assigned_to = it->second;
}

PagePlan plan_page(const core::Log& local, std::vector<Completion> items, ProviderState& state) {
    PagePlan plan;
    const Assignments assignments(local);
    const core::RecordIndex<core::Activity> by_id(local.activities, items.size()); // local activities by id
    std::unordered_map<std::string, std::size_t> by_course, by_title; // duplicate keys -> index
    for (std::size_t i = 0; i < local.activities.size(); ++i) {
        const core::Activity& a = local.activities[i];
        if (a.status == core::ActivityStatus::rejected)
            continue;
        if (a.provider_link && a.provider_link->provider == state.provider)
            continue; // this provider's own records are matched by id, not as duplicates
        if (!a.course_number.empty())
            by_course.emplace(core::course_key(a.course_number, a.earned), i);
        by_title.emplace(core::title_key(a.title, a.provider, a.earned), i);
    }
    std::unordered_map<std::string, std::size_t> put_index; // activity id -> index in plan.puts

    for (Completion& c : items) {
        std::string id = synced_activity_id(state.provider, c.id);
        if (!c.tombstone) {
            auto held = std::find_if(state.held.begin(), state.held.end(),
                                     [&](const HeldItem& h) { return h.completion.id == c.id; });
            if (std::string why = quarantine_reason(c, state.provider, id); !why.empty()) {
                if (held == state.held.end())
                    state.held.push_back({std::move(c), "", "", std::move(why)});
                else
                    *held = {std::move(c), "", "", std::move(why)};
                ++plan.quarantined;
                continue;
            }
            if (held != state.held.end() && held->quarantined())
                state.held.erase(held); // corrected by the provider: it goes on as any item
        }
        // A second delivery of an item already planned in this page: apply it onto the planned put.
        if (auto p = put_index.find(id); p != put_index.end()) {
            core::Activity& planned = plan.puts[p->second].first;
            if (planned.provider_link && planned.provider_link->etag == c.etag &&
                planned.provider_link->status == to_string(c.status) && !c.tombstone) {
                ++plan.unchanged;
                continue;
            }
            planned = updated_activity(planned, c);
            continue;
        }
        if (const core::Activity* l = by_id.find(id)) {
            const core::Activity& existing = *l;
            const bool same = existing.provider_link && existing.provider_link->etag == c.etag &&
                              existing.provider_link->status == to_string(c.status);
            if (same || (c.tombstone && existing.provider_link && existing.provider_link->revoked())) {
                ++plan.unchanged;
                continue;
            }
            core::Activity next = updated_activity(existing, c);
            if (c.status == CompletionStatus::revoked)
                ++plan.revoked;
            else
                ++plan.updated;
            put_index.emplace(id, plan.puts.size());
            plan.puts.emplace_back(std::move(next), existing.rev);
            continue;
        }
        // Not in the log yet.
        auto held = std::find_if(state.held.begin(), state.held.end(),
                                 [&](const HeldItem& h) { return h.completion.id == c.id; });
        if (c.tombstone || c.status == CompletionStatus::revoked) {
            if (held != state.held.end())
                state.held.erase(held); // revoked before the person decided: nothing to decide
            ++plan.ignored;
            continue;
        }
        if (contains(state.skipped, c.id)) {
            ++plan.ignored;
            continue;
        }
        if (held != state.held.end()) {
            held->completion = std::move(c); // a newer version of an item still waiting for a decision
            ++plan.ignored;
            continue;
        }
        std::optional<std::size_t> match; // (keys are built only when there is something to match)
        if (!by_course.empty() && !c.course_number.empty())
            if (auto m = by_course.find(core::course_key(c.course_number, c.completed_at)); m != by_course.end())
                match = m->second;
        if (!match && !by_title.empty())
            if (auto m = by_title.find(core::title_key(c.title, c.provider_name, c.completed_at)); m != by_title.end())
                match = m->second;
        if (match) {
            const core::Activity& a = local.activities[*match];
            state.held.push_back({std::move(c), a.id, a.title, ""});
            ++plan.held;
            continue;
        }
        put_index.emplace(id, plan.puts.size());
        plan.puts.emplace_back(to_activity(std::move(c), state.provider, std::move(id)), 0);
        assignments.apply(plan.puts.back().first);
        ++plan.added;
    }
    return plan;
}

// [SECTION] The run

SyncSession::SyncSession(Transport& transport, std::function<double()> random01, RetryPolicy policy)
    : m_transport(transport), m_random(std::move(random01)), m_policy(policy) {}

void SyncSession::start(std::string access_token, ProviderState state, double now, int page_limit, bool dpop) {
    m_token = std::move(access_token);
    m_dpop = dpop;
    m_state = std::move(state);
    m_phase = SyncPhase::pending;
    m_progress = {};
    m_error.clear();
    m_needs_sign_in = false;
    m_restarted = false;
    m_limit = std::clamp(page_limit, 1, 1000);
    m_now = now;
    m_push_index = 0;
    for (const OutboxEntry& e : m_state.outbox)
        if (e.refused.empty())
            ++m_progress.to_push;
    next_push(now);
}

void SyncSession::cancel() {
    if (m_flight.id)
        m_transport.cancel(m_flight.id);
    m_flight = {};
    drop_prefetch();
    if (m_phase == SyncPhase::pending)
        fail("Sync was stopped. Nothing more was changed.");
}

void SyncSession::fail(std::string message) {
    if (m_flight.id)
        m_transport.cancel(m_flight.id);
    m_flight = {};
    drop_prefetch();
    m_phase = SyncPhase::failed;
    m_step = Step::none;
    m_error = std::move(message);
    m_token.clear();
    m_token.shrink_to_fit();
}

HttpRequest SyncSession::authorized(std::string method, std::string url) const {
    HttpRequest r;
    r.method = std::move(method);
    r.url = std::move(url);
    r.headers.emplace_back("Accept", "application/json, application/problem+json");
    // The token goes to the provider's own API origin only (a certificate URL elsewhere is never
    // requested: plan_page quarantines its item).
    if (!url_origin(r.url).empty() && url_origin(r.url) == url_origin(m_state.provider))
        add_authorization(r, m_token, m_dpop);
    r.timeout_ms = m_policy.timeout_ms;
    return r;
}

std::optional<HttpResponse> SyncSession::advance(Flight& f, double now) {
    if (f.arrived) {
        std::optional<HttpResponse> r = std::move(f.arrived);
        f.arrived.reset();
        return r;
    }
    if (f.id == 0) {
        if (now < f.retry_at)
            return std::nullopt;
        ++f.attempt;
        f.id = m_transport.send(f.request);
        return std::nullopt;
    }
    std::optional<HttpResponse> r = m_transport.poll(f.id);
    if (!r)
        return std::nullopt;
    f.id = 0;
    if (r->status >= 200 && r->status < 300)
        return r;
    std::optional<double> retry_after;
    if (auto h = r->header("retry-after"))
        retry_after = parse_retry_after(*h, now);
    const RetryDecision d = decide_retry(m_policy, f.attempt, r->status, retry_after, m_random());
    if (!d.retry)
        return r;
    f.retry_at = now + d.delay_ms;
    char buf[96];
    std::snprintf(buf, sizeof buf, "The provider is busy or unreachable: trying again in %.0f s (attempt %d of %d)",
                  std::ceil(d.delay_ms / 1000.0), f.attempt + 1, m_policy.max_attempts);
    m_progress.step = buf;
    return std::nullopt;
}

std::string SyncSession::http_failure(const HttpResponse& r, const char* what) {
    if (r.status == 0)
        return r.timed_out ? std::string("The provider did not answer in time (") + what +
                                 "). Nothing was changed; try again later."
                           : std::string("Recert could not reach the provider (") + what +
                                 "): you may be offline. Nothing was changed; queued self-reports stay queued.";
    if (r.status == 401 || r.status == 403) {
        m_needs_sign_in = true;
        return "The provider no longer accepts this sign-in. Sign in again to sync.";
    }
    const Problem p = decode_problem(r.body, r.status);
    std::string detail = !p.detail.empty() ? p.detail : p.title;
    if (r.status == 429) {
        std::string out = "The provider asked Recert to slow down and wait longer than it will (HTTP 429).";
        if (auto h = r.header("retry-after")) {
            const std::optional<double> ms = parse_retry_after(*h, m_now);
            if (ms && *ms >= 120000.0)
                out += " It asked to wait about " + std::to_string(static_cast<long long>(*ms / 60000.0 + 0.5)) + " minutes.";
            else if (ms)
                out += " It asked to wait " + std::to_string(static_cast<long long>(*ms / 1000.0 + 0.5)) + " seconds.";
        }
        return out + " Try again later.";
    }
    std::string out = std::string("The provider answered ") + what + " with an error (HTTP " +
                      std::to_string(r.status) + ")";
    if (r.status >= 500)
        out += " and still failed after " + std::to_string(m_policy.max_attempts) + " tries";
    if (!detail.empty())
        out += ": " + detail.substr(0, 200);
    return out + ". Nothing was changed.";
}

// [SECTION] Pushing the outbox

void SyncSession::next_push(double now) {
    while (m_push_index < m_state.outbox.size() && !m_state.outbox[m_push_index].refused.empty())
        ++m_push_index;
    if (m_push_index >= m_state.outbox.size()) {
        start_page(now);
        return;
    }
    const OutboxEntry& e = m_state.outbox[m_push_index];
    m_step = Step::push;
    m_flight = {};
    m_flight.request = authorized("POST", self_reports_url(m_state.provider));
    m_flight.request.headers.emplace_back("Content-Type", "application/json");
    m_flight.request.headers.emplace_back("Idempotency-Key", e.key);
    m_flight.request.body = e.body;
    m_progress.step = "Sending self-reports (" + std::to_string(m_progress.pushed + 1) + " of " +
                      std::to_string(m_progress.to_push) + ")";
}

// [SECTION] Pulling completions

void SyncSession::prefetch_next(double now) {
    drop_prefetch();
    if (!m_has_more || m_next_cursor.empty() || m_next_cursor == m_state.cursor)
        return;
    m_prefetch.request = authorized("GET", completions_url(m_state.provider, m_next_cursor, m_limit));
    advance(m_prefetch, now); // sends it
}

// While a page is stored and the position saved: when the next page arrives, decode it now (the
// browser writes the previous page meanwhile), and keep it for start_page(). Failures and retries
// are those of any request: an error answer is kept and handled when the run gets to it.
void SyncSession::listen_prefetch(double now) {
    if (m_prefetch.request.url.empty() || m_prefetch.arrived)
        return;
    std::optional<HttpResponse> r = advance(m_prefetch, now);
    if (!r)
        return;
    if (r->status >= 200 && r->status < 300) {
        m_prefetch.page = decode_completions(r->body);
        r->body.clear();
        r->body.shrink_to_fit();
    }
    m_prefetch.arrived = std::move(r);
}

void SyncSession::drop_prefetch() {
    if (m_prefetch.id)
        m_transport.cancel(m_prefetch.id);
    m_prefetch = {};
}

void SyncSession::start_page(double) {
    m_step = Step::pull;
    m_flight = {};
    m_flight.request = authorized("GET", completions_url(m_state.provider, m_state.cursor, m_limit));
    if (!m_prefetch.request.url.empty() && m_prefetch.request.url == m_flight.request.url) {
        m_flight = std::move(m_prefetch); // already on its way, or arrived
        m_prefetch = {};
    }
    drop_prefetch();
    if (m_progress.step.empty() || m_progress.step.rfind("Sending", 0) == 0)
        m_progress.step = "Receiving completions";
}

void SyncSession::on_page(const HttpResponse& r, std::optional<core::Result<CompletionsPage>> decoded,
                          const core::Log& local) {
    core::Result<CompletionsPage> page = decoded ? std::move(*decoded) : decode_completions(r.body);
    if (!page) {
        fail("The provider sent data Recert could not read, so nothing from it was saved (" +
             page.error().to_string() + ").");
        return;
    }
    ++m_progress.pages;
    m_progress.received += static_cast<int>(page.value().items.size());
    if (auto est = r.header("x-total-remaining"))
        m_progress.expected = std::max(0, std::atoi(est->c_str()));
    m_next_cursor = page.value().next_cursor.empty() ? m_state.cursor : page.value().next_cursor;
    m_has_more = page.value().has_more;
    // The certificates the page offers, by external id (plan_page consumes the items; a held item
    // keeps its own copy for when the person imports it).
    std::unordered_map<std::string, CertificateRef> certs;
    for (const Completion& c : page.value().items)
        if (c.certificate)
            certs.emplace(c.id, *c.certificate);
    ProviderState next = m_state;
    PagePlan plan = plan_page(local, std::move(page.value().items), next);
    m_state = std::move(next);
    m_progress.added += plan.added;
    m_progress.updated += plan.updated;
    m_progress.revoked += plan.revoked;
    m_progress.held += plan.held;
    m_progress.quarantined += plan.quarantined;

    m_batch = {};
    m_batch_taken = false;
    m_batch.puts = std::move(plan.puts);
    m_cert_queue.clear();
    m_cert_refs.clear();
    for (std::size_t i = 0; i < m_batch.puts.size() && !certs.empty(); ++i) {
        const core::Activity& a = m_batch.puts[i].first;
        if (!a.provider_link || a.status == core::ActivityStatus::rejected)
            continue;
        auto it = certs.find(a.provider_link->external_id);
        if (it == certs.end())
            continue;
        const CertificateRef& cert = it->second;
        const bool have = std::any_of(a.evidence.begin(), a.evidence.end(),
                                      [&](const core::EvidenceRef& e) { return e.sha256 == cert.sha256; });
        if (have)
            continue;
        m_cert_refs[a.id] = cert;
        m_cert_queue.push_back(i);
    }
    m_step = Step::certificates;
    m_flight = {};
}

void SyncSession::batch_done(bool ok, const std::string& error) {
    if (m_step != Step::batch_wait)
        return;
    if (!ok) {
        fail("The synced completions could not be saved (" + error + "). Nothing was changed.");
        return;
    }
    m_state.cursor = m_next_cursor;
    if (!m_has_more)
        m_state.last_synced = iso_utc(m_now);
    m_step = Step::save_wait;
    m_save_taken = false;
    m_after_save = Step::pull;
}

void SyncSession::save_done(bool ok, const std::string& error) {
    if (m_step != Step::save_wait)
        return;
    if (!ok) {
        fail("Recert could not save its sync position (" + error + "). Sync again to continue.");
        return;
    }
    after_save(m_now);
}

void SyncSession::after_save(double now) {
    if (m_after_save == Step::push) {
        next_push(now);
        return;
    }
    if (m_has_more) {
        start_page(now);
        return;
    }
    m_phase = SyncPhase::ok;
    m_step = Step::none;
    m_progress.expected = 0;
    m_progress.step = "Up to date";
    m_token.clear();
}

void SyncSession::poll(double now, const core::Log& local) {
    m_now = now;
    if (m_phase != SyncPhase::pending)
        return;
    switch (m_step) {
    case Step::push: {
        auto r = advance(m_flight, now);
        if (!r)
            return;
        OutboxEntry& e = m_state.outbox[m_push_index];
        if (r->status >= 200 && r->status < 300) {
            auto receipt = decode_self_report_receipt(r->body);
            if (!receipt) {
                // The provider may have stored it: the same key is sent again, which it must dedupe.
                const RetryDecision d = decide_retry(m_policy, m_flight.attempt, 503, std::nullopt, m_random());
                if (!d.retry) {
                    fail("The provider's answer to a self-report could not be read (" + receipt.error().to_string() +
                         "). It stays queued and will be sent again with the same key.");
                    return;
                }
                m_flight.retry_at = now + d.delay_ms;
                return;
            }
            m_state.pushed.emplace_back(e.activity_id, receipt.value().id);
            m_state.outbox.erase(m_state.outbox.begin() + static_cast<std::ptrdiff_t>(m_push_index));
            ++m_progress.pushed;
        } else if (r->status >= 400 && r->status < 500 && r->status != 401 && r->status != 403 &&
                   r->status != 408 && r->status != 429) {
            const Problem p = decode_problem(r->body, r->status);
            e.refused = (p.detail.empty() ? (p.title.empty() ? "refused" : p.title) : p.detail).substr(0, 300);
            ++m_progress.refused;
            ++m_push_index;
        } else {
            fail(http_failure(*r, "sending a self-report"));
            return;
        }
        m_step = Step::save_wait;
        m_save_taken = false;
        m_after_save = Step::push;
        return;
    }
    case Step::pull: {
        auto r = advance(m_flight, now);
        if (!r)
            return;
        if (r->status == 410 && !m_restarted) {
            // The provider forgot our position: fetch everything again (idempotent by external id).
            m_restarted = true;
            m_state.cursor.clear();
            m_progress.step = "The provider's sync position expired: fetching everything again";
            start_page(now);
            return;
        }
        if (r->status < 200 || r->status >= 300) {
            fail(http_failure(*r, "listing completions"));
            return;
        }
        on_page(*r, std::move(m_flight.page), local);
        if (m_phase != SyncPhase::pending)
            return; // the page was refused
        [[fallthrough]];
    }
    case Step::certificates: {
        while (true) {
            if (m_cert_queue.empty()) {
                m_step = Step::batch_wait;
                prefetch_next(now); // while this page is stored and the position saved
                return;
            }
            core::Activity& a = m_batch.puts[m_cert_queue.front()].first;
            const CertificateRef& ref = m_cert_refs[a.id];
            if (m_flight.request.url.empty()) {
                std::optional<std::string> url = certificate_fetch_url(m_state.provider, ref);
                if (!url) { // (plan_page quarantined such items; kept for safety)
                    m_cert_queue.erase(m_cert_queue.begin());
                    continue;
                }
                m_flight.request = authorized("GET", std::move(*url));
                m_flight.request.headers[0].second = "application/pdf";
            }
            auto r = advance(m_flight, now);
            if (!r)
                return;
            if (r->status < 200 || r->status >= 300) {
                fail(http_failure(*r, "downloading a certificate"));
                return;
            }
            const std::string got = core::sha256_hex(
                std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(r->body.data()), r->body.size()));
            if (got != ref.sha256 || r->body.rfind("%PDF-", 0) != 0) {
                fail("A certificate from the provider did not match its checksum (\"" + a.title +
                     "\"), so nothing from that page was saved. Try again later.");
                return;
            }
            core::EvidenceRef ev{got, "certificate-" + (a.course_number.empty() ? a.provider_link->external_id
                                                                                 : a.course_number) + ".pdf",
                                 "application/pdf"};
            a.evidence.push_back(ev);
            m_batch.files.push_back({ev, std::vector<std::uint8_t>(r->body.begin(), r->body.end())});
            m_cert_queue.erase(m_cert_queue.begin());
            m_flight = {};
        }
    }
    case Step::batch_wait:
    case Step::save_wait:
        listen_prefetch(now);
        return;
    case Step::none:
        return;
    }
}

} // namespace recert::sync
