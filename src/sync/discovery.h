// Finding a provider from its address alone (issue #20): the metadata addresses to try (RFC 8414's
// oauth-authorization-server, then OpenID Connect Discovery) and a checked decoder of the metadata
// document (every field used is checked, unknown fields ignored, a bad document refused whole with a
// JSON-pointer-located message), and the token endpoint's answer with refresh tokens and DPoP.
#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recert::sync {

// What the app takes from a provider's authorization-server metadata.
struct ProviderMetadata {
    std::string issuer;                 // equals the address the metadata was fetched for
    std::string authorization_endpoint; // absolute http(s) URLs
    std::string token_endpoint;
    std::string revocation_endpoint;    // "" = the provider cannot revoke (sign-out then only forgets)
    std::vector<std::string> code_challenge_methods; // always holds "S256" (required)
    std::vector<std::string> dpop_algs;              // empty = no DPoP; else holds "ES256"
    bool dpop() const { return !dpop_algs.empty(); }
};

// Limits on a metadata document (beyond them it is refused, not truncated).
inline constexpr std::size_t max_metadata_list = 64; // entries of any list
inline constexpr std::size_t max_endpoint_url = 2000;

// The metadata addresses for a provider address ("https://ce.example.org" or with a path, e.g.
// "https://ce.example.org/tenant"), in the order to try: RFC 8414 section 3.1 (the well-known part
// between host and path), then OpenID Connect Discovery (appended to the address). Empty when the
// address is not an http(s) URL without user info, query or fragment.
std::vector<std::string> metadata_urls(std::string_view address);

// The provider address as the issuer is compared to it: trailing slashes removed, scheme and host
// lowercased. "" when it is not a usable address (see metadata_urls).
std::string normalize_issuer(std::string_view address);

// Decodes a metadata document fetched for `address`. Refused (with the JSON pointer of the problem):
// not an object; an issuer other than the address (RFC 8414 section 3.3: a document from elsewhere
// must not be used); a missing or non-http(s) authorization or token endpoint, or one with user info
// or a fragment; an endpoint on http:// that is not loopback; no "S256" among the PKCE methods (a
// provider that does not say it supports PKCE S256 is refused); DPoP offered without ES256 (the
// only algorithm the app signs with); lists or strings past the limits above.
core::Result<ProviderMetadata> decode_metadata(std::string_view body, std::string_view address,
                                               std::string_view what = "GET provider metadata");

// The token endpoint's answer (authorization code or refresh grant, RFC 6749 section 5.1).
struct TokenGrant {
    std::string access_token;
    bool dpop = false;          // token_type "DPoP" (RFC 9449): requests carry a proof
    std::int64_t expires_in = 0; // seconds, 0 = not said
    std::string refresh_token;  // "" = none issued (or, on refresh, keep nothing: sign in again later)
    std::string scope;
};
inline constexpr std::size_t max_token_text = 4096;

// Decodes a token response. `expect_dpop`: the request carried a DPoP proof, so the answer must be a
// DPoP-bound token (a provider that silently downgraded it to Bearer is refused, RFC 9449 section 5).
core::Result<TokenGrant> decode_token_grant(std::string_view body, bool expect_dpop,
                                            std::string_view what = "POST token endpoint");

// The deployment's recert.config.json (next to index.html, edited by whoever deploys Recert): the
// providers Settings › Sync offers, each with the client id it registered for this deployment
// ({"providers": [{"name", "address", "clientId"}]}). Refused whole with a located error: not an
// object, more than 50 providers, an empty or over-long name or client id (1..200 characters, no
// control characters), an address metadata_urls cannot use. Unknown fields are ignored.
struct KnownProvider {
    std::string name, address, client_id;
};
inline constexpr std::size_t max_known_providers = 50;
core::Result<std::vector<KnownProvider>> decode_deployment_config(std::string_view body,
                                                                  std::string_view what = "recert.config.json");

} // namespace recert::sync
