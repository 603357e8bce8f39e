// The provider API's wire protocol (src/sync/provider-api.openapi.yaml), pure and deterministic:
// request URLs, strict-but-tolerant response decoders (every field we use is checked; unknown
// fields are ignored; a bad payload is rejected whole with a JSON-pointer-located message), and the
// mapping of provider completions onto Recert activities.
#pragma once

#include "core/model.h"
#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::sync {

// [SECTION] Decoded payloads

enum class CompletionStatus : std::uint8_t { claimed, pending_evaluation, awarded, finalized, revoked };
std::string_view to_string(CompletionStatus s);
std::optional<CompletionStatus> parse_completion_status(std::string_view s);

struct CreditAward {
    core::Credits amount;
    core::Unit unit = core::Unit::cec;
    std::string accrediting_body; // "ACSM", "NAAEI", … (as the provider spells it)
    std::string category;         // the body's credit category, "" = none
};

struct CertificateRef {
    std::string url;    // relative to the API base URL, or absolute on the API's own origin (else refused)
    std::string sha256; // 64 lowercase hex digits
};

// One item of GET /completions: a completion, or a tombstone (a revocation: only id, etag,
// updatedAt and status "revoked" are meaningful).
struct Completion {
    std::string id;
    std::string etag;
    std::string updated_at; // RFC 3339
    CompletionStatus status = CompletionStatus::claimed;
    bool tombstone = false;
    // activity (absent on tombstones)
    std::string course_number, title, provider_name, accreditor, approval_number;
    core::Format format = core::Format::other; // unknown spellings map to "other"
    core::Date completed_at;
    std::vector<CreditAward> credits;
    std::optional<CertificateRef> certificate;
};

struct CompletionsPage {
    std::vector<Completion> items;
    std::string next_cursor; // pass back to continue; "" when the provider gave none
    bool has_more = false;
};

struct Me {
    std::string id, name, email;
    struct Credential {
        std::string body, name, number;
    };
    std::vector<Credential> credentials;
};

// An RFC 9457 problem+json error body (all fields optional on the wire).
struct Problem {
    std::string type, title, detail;
    int status = 0;
};

struct TokenResponse {
    std::string access_token;
    std::string token_type; // "Bearer"
    std::int64_t expires_in = 0;
    std::string scope;
};

struct SelfReportReceipt {
    std::string id;
    std::string status; // usually "claimed"
};

// Limits on what a response may hold (beyond them a payload is rejected, not truncated).
inline constexpr std::size_t max_page_items = 1000;
inline constexpr std::size_t max_text = 2000;      // any string field
inline constexpr std::size_t max_credits_per_item = 16;

// [SECTION] Decoders. `what` names the request in messages ("GET /completions").

core::Result<CompletionsPage> decode_completions(std::string_view body, std::string_view what = "GET /completions");
namespace detail {
// decode_completions' two paths, for tests and the fuzzer: the fast path alone (nullopt = it gave up
// and decode_completions would use the DOM decoder), and the DOM decoder alone. Where the fast path
// gives a page, the DOM decoder gives the same page.
std::optional<CompletionsPage> decode_completions_fast(std::string_view body);
core::Result<CompletionsPage> decode_completions_dom(std::string_view body, std::string_view what = "GET /completions");
} // namespace detail
core::Result<Me> decode_me(std::string_view body, std::string_view what = "GET /me");
core::Result<TokenResponse> decode_token(std::string_view body, std::string_view what = "POST /oauth/token");
core::Result<SelfReportReceipt> decode_self_report_receipt(std::string_view body,
                                                          std::string_view what = "POST /self-reports");
// Never fails: a body that is not a problem document gives a Problem with only `status` set.
Problem decode_problem(std::string_view body, int status);

// [SECTION] Requests

// "https://x/api" + "/completions" without doubling or dropping the slash.
std::string join_url(std::string_view base, std::string_view path);
// Percent-encoding for a query value or form field (RFC 3986 unreserved kept).
std::string url_encode(std::string_view s);
std::string completions_url(std::string_view base, std::string_view cursor, int limit);
std::string me_url(std::string_view base);
std::string self_reports_url(std::string_view base);
std::string certificate_url(std::string_view base, const Completion& c);

// "https://ce.example.org" or "http://localhost:8080": the scheme, host and port (default ports left
// out, letters lowercased) of an http or https URL without user info; "" for anything else.
std::string url_origin(std::string_view url);
// Where a certificate is fetched from: its URL resolved against `base` (the API base URL), only when
// that is on base's own origin, so the access token goes nowhere else. nullopt otherwise, with the
// reason in plain words in `why` (another site, not http(s), user info in it, …).
std::optional<std::string> certificate_fetch_url(std::string_view base, const CertificateRef& ref,
                                                 std::string* why = nullptr);

// The JSON body POST /self-reports sends for a self-reported activity.
std::string encode_self_report(const core::Activity& a);

// [SECTION] Mapping completions onto the local log

// The local id a provider's completion gets: a stable hash of (provider, external id), so two tabs or
// a retried page can never create the same synced activity twice (the store refuses a second insert).
std::string synced_activity_id(std::string_view provider, std::string_view external_id);

core::ActivityStatus to_activity_status(CompletionStatus s);

// A new synced activity for `c` (not a tombstone). Credits: the first award gives amount and unit;
// every award's category becomes a per-body category (body ids lowercased).
// `id`: synced_activity_id(provider, c.id) when the caller has it already. The second moves c's strings.
core::Activity to_activity(const Completion& c, std::string_view provider, std::string id = {});
core::Activity to_activity(Completion&& c, std::string_view provider, std::string id = {});

// Why a decoded completion (not a tombstone) cannot be stored as it is, in plain words: a record
// limit of core/limits.h it breaks (credits, dates, text lengths) or a certificate the client would
// not fetch (certificate_fetch_url). "" = it can. Such an item is quarantined (plan_page), not stored.
// `id`: synced_activity_id(base, c.id) when the caller has it already.
std::string quarantine_reason(const Completion& c, std::string_view base, std::string_view id = {});

// Applies a newer version of `c` onto an existing synced activity: provider-owned fields are
// replaced, the person's own fields (notes, evidence, excluded_from, duplicate_of) kept. A tombstone
// or a revoked completion marks it "revoked by provider" (status rejected; never deleted).
core::Activity updated_activity(const core::Activity& existing, const Completion& c);

} // namespace recert::sync
