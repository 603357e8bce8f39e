// Provider discovery and the token endpoint's answer: see discovery.h.
#include "sync/discovery.h"

#include "core/json_read.h"
#include "sync/decode.h"
#include "sync/protocol.h"

#include <algorithm>
#include <cctype>

namespace recert::sync {
namespace {

using core::detail::child;
using core::detail::fail;
using core::detail::json;
using core::detail::ObjectReader;

// A string field no longer than `limit` ("" when absent and not required).
std::string bounded(ObjectReader& r, std::string_view key, bool required, std::size_t limit) {
    std::string s = required ? r.str(key) : r.opt_str(key);
    if (required && s.empty())
        fail(r.at(key), "must not be empty");
    if (s.size() > limit)
        fail(r.at(key), "longer than " + std::to_string(limit) + " characters");
    return s;
}

std::vector<std::string> bounded_list(ObjectReader& r, std::string_view key) {
    const json* a = r.opt_array(key);
    if (!a)
        return {};
    if (a->size() > max_metadata_list)
        fail(r.at(key), "more than " + std::to_string(max_metadata_list) + " entries");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const json& v = (*a)[i];
        if (!v.is_string())
            fail(child(r.at(key), i), "expected a string");
        std::string s = v.get<std::string>();
        if (s.size() > 200)
            fail(child(r.at(key), i), "longer than 200 characters");
        out.push_back(std::move(s));
    }
    return out;
}

bool loopback_host(std::string_view origin) {
    const std::size_t at = origin.find("://");
    std::string_view host = origin.substr(at + 3);
    if (!host.empty() && host[0] == '[')
        return host.starts_with("[::1]");
    host = host.substr(0, host.find(':'));
    return host == "localhost" || host.starts_with("127.");
}

// Why `url` cannot be an endpoint ("" = it can).
std::string endpoint_problem(std::string_view url) {
    const std::string origin = url_origin(url);
    if (origin.empty())
        return "expected an http or https address without user info";
    if (url.find('#') != std::string_view::npos)
        return "must not have a fragment";
    for (char ch : url)
        if (static_cast<unsigned char>(ch) <= 0x20 || ch == '\\' || ch == 0x7f)
            return "contains spaces, backslashes or control characters";
    if (origin.starts_with("http://") && !loopback_host(origin))
        return "must use https (plain http only on this computer)";
    return {};
}

std::string endpoint(ObjectReader& r, std::string_view key, bool required) {
    std::string s = bounded(r, key, required, max_endpoint_url);
    if (s.empty())
        return s;
    if (std::string why = endpoint_problem(s); !why.empty())
        fail(r.at(key), why);
    return s;
}

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

} // namespace

std::string normalize_issuer(std::string_view address) {
    std::string_view a = address;
    while (!a.empty() && a.back() == '/')
        a.remove_suffix(1);
    const std::string origin = url_origin(a);
    if (origin.empty() || a.size() > max_endpoint_url || a.find_first_of("?#") != std::string_view::npos)
        return {};
    if (!endpoint_problem(a).empty())
        return {};
    // The scheme and host as url_origin spelled them, then the path as given.
    const std::size_t path_at = a.find('/', a.find("://") + 3);
    return origin + std::string(path_at == std::string_view::npos ? std::string_view{} : a.substr(path_at));
}

std::vector<std::string> metadata_urls(std::string_view address) {
    const std::string issuer = normalize_issuer(address);
    if (issuer.empty())
        return {};
    const std::size_t path_at = issuer.find('/', issuer.find("://") + 3);
    const std::string origin = issuer.substr(0, path_at);
    const std::string path = path_at == std::string::npos ? std::string{} : issuer.substr(path_at);
    return {origin + "/.well-known/oauth-authorization-server" + path, issuer + "/.well-known/openid-configuration"};
}

core::Result<ProviderMetadata> decode_metadata(std::string_view body, std::string_view address, std::string_view what) {
    const std::string expected = normalize_issuer(address);
    return detail::decode<ProviderMetadata>(body, what, [&](const json& root) {
        ObjectReader r(root, "");
        ProviderMetadata m;
        m.issuer = bounded(r, "issuer", true, max_endpoint_url);
        if (expected.empty() || normalize_issuer(m.issuer) != expected)
            fail(r.at("issuer"), "is not the provider's address " + std::string(address.substr(0, 200)) +
                                     " (the document is for another server)");
        m.authorization_endpoint = endpoint(r, "authorization_endpoint", true);
        m.token_endpoint = endpoint(r, "token_endpoint", true);
        m.revocation_endpoint = endpoint(r, "revocation_endpoint", false);
        m.code_challenge_methods = bounded_list(r, "code_challenge_methods_supported");
        if (!has(m.code_challenge_methods, "S256"))
            fail(r.at("code_challenge_methods_supported"), "does not list S256 (PKCE is required)");
        m.dpop_algs = bounded_list(r, "dpop_signing_alg_values_supported");
        if (!m.dpop_algs.empty() && !has(m.dpop_algs, "ES256"))
            fail(r.at("dpop_signing_alg_values_supported"), "does not list ES256");
        return m;
    });
}

core::Result<TokenGrant> decode_token_grant(std::string_view body, bool expect_dpop, std::string_view what) {
    return detail::decode<TokenGrant>(body, what, [&](const json& root) {
        ObjectReader r(root, "");
        TokenGrant t;
        t.access_token = bounded(r, "access_token", true, max_token_text);
        std::string type = bounded(r, "token_type", true, 20);
        std::transform(type.begin(), type.end(), type.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (type == "dpop")
            t.dpop = true;
        else if (type != "bearer")
            fail(r.at("token_type"), "expected \"Bearer\" or \"DPoP\"");
        if (expect_dpop && !t.dpop)
            fail(r.at("token_type"), "expected \"DPoP\": the request was made with a DPoP proof");
        if (!expect_dpop && t.dpop)
            fail(r.at("token_type"), "a DPoP-bound token for a request made without a DPoP proof");
        t.expires_in = r.opt_integer("expires_in", 0, 10LL * 365 * 24 * 3600, "a number of seconds").value_or(0);
        t.refresh_token = bounded(r, "refresh_token", false, max_token_text);
        t.scope = bounded(r, "scope", false, 2000);
        return t;
    });
}

core::Result<std::vector<KnownProvider>> decode_deployment_config(std::string_view body, std::string_view what) {
    return detail::decode<std::vector<KnownProvider>>(body, what, [](const json& root) {
        ObjectReader r(root, "");
        std::vector<KnownProvider> out;
        const json* list = r.opt_array("providers");
        if (!list)
            return out;
        if (list->size() > max_known_providers)
            fail(r.at("providers"), "more than " + std::to_string(max_known_providers) + " providers");
        for (std::size_t i = 0; i < list->size(); ++i) {
            ObjectReader p((*list)[i], child(r.at("providers"), i));
            KnownProvider k;
            k.name = bounded(p, "name", true, 200);
            k.address = bounded(p, "address", true, max_endpoint_url);
            k.client_id = bounded(p, "clientId", true, 200);
            for (const auto* field : {&k.name, &k.client_id})
                for (char ch : *field)
                    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
                        fail(p.at(field == &k.name ? "name" : "clientId"), "contains control characters");
            if (metadata_urls(k.address).empty())
                fail(p.at("address"), "expected an https address without ? or # (plain http only on this computer)");
            out.push_back(std::move(k));
        }
        return out;
    });
}

} // namespace recert::sync
