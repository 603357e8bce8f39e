// libFuzzer target: the provider response decoders (issues #7 and #20: pages, me, tokens, the
// authorization-server metadata) must never crash, hang or leak on any input. A page they accept must survive the held-item round trip (encode_completion -> decode), the
// fast decoding path must agree with the DOM decoder, and a sync state they accept must re-encode to
// a fixed point.
#include "sync/discovery.h"
#include "sync/protocol.h"
#include "sync/sync_state.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace recert::sync;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto page = decode_completions(text)) {
        for (const Completion& c : page.value().items) {
            auto again = decode_completions("{\"items\":[" + encode_completion(c) + "]}");
            if (!again || again.value().items.size() != 1) std::abort();
            if (encode_completion(again.value().items[0]) != encode_completion(c)) std::abort();
            if (!c.tombstone) (void)to_activity(c, "https://fuzz.example/api");
        }
    } else if (page.error().message.empty()) {
        std::abort();
    }
    // The fast path and the DOM decoder agree: what the fast path accepts, the DOM decoder
    // accepts too, as the same page.
    if (auto fast = detail::decode_completions_fast(text)) {
        auto dom = detail::decode_completions_dom(text);
        if (!dom || dom.value().items.size() != fast->items.size() || dom.value().next_cursor != fast->next_cursor ||
            dom.value().has_more != fast->has_more)
            std::abort();
        for (std::size_t i = 0; i < fast->items.size(); ++i)
            if (encode_completion(fast->items[i]) != encode_completion(dom.value().items[i]))
                std::abort();
    }
    (void)decode_me(text);
    (void)decode_token(text);
    // Metadata: what is accepted names this provider and has usable endpoints; a refusal says why.
    if (auto m = decode_metadata(text, "http://127.0.0.1:8787")) {
        if (normalize_issuer(m.value().issuer) != "http://127.0.0.1:8787" || url_origin(m.value().token_endpoint).empty() ||
            url_origin(m.value().authorization_endpoint).empty())
            std::abort();
    } else if (m.error().message.empty()) {
        std::abort();
    }
    for (bool dpop : {false, true})
        if (auto t = decode_token_grant(text, dpop); t && (t.value().dpop != dpop || t.value().access_token.empty()))
            std::abort();
    (void)metadata_urls(text.substr(0, 4096));
    if (auto known = decode_deployment_config(text))
        for (const KnownProvider& k : known.value())
            if (metadata_urls(k.address).empty() || k.client_id.empty())
                std::abort();
    (void)decode_self_report_receipt(text);
    (void)decode_problem(text, 500);
    if (auto st = decode_provider_state(text)) {
        const std::string once = encode_provider_state(st.value());
        auto back = decode_provider_state(once);
        if (!back || encode_provider_state(back.value()) != once) std::abort();
    }
    (void)decode_outbox_entry(text);
    return 0;
}
