// std::visit over a set of lambdas: overloaded{[](const A&) {...}, [](const B&) {...}}.
#pragma once

namespace recert::app {

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

} // namespace recert::app
