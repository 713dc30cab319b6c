#include "domain/auth/contest_pass.h"

#include <sodium.h>

#include <charconv>

#include "domain/auth/crypto.h"

namespace dj {
namespace {

constexpr std::string_view kContext = "dj-contest-pass-v1|";

std::optional<int64_t> ParsePositive(std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

std::string PassSigner::NewKey() { return auth_internal::RandomBase64Url(32); }

std::string PassSigner::Mac(int64_t contest, int64_t member) const {
  auth_internal::EnsureSodium();
  const std::string message =
      std::string(kContext) + std::to_string(contest) + "|" + std::to_string(member);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()),
                              key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(sizeof mac, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), mac, sizeof mac, kVariant);
  out.resize(out.size() - 1);
  return out;
}

std::string PassSigner::Issue(int64_t contest, int64_t member) const {
  return std::to_string(contest) + "." + std::to_string(member) + "." + Mac(contest, member);
}

std::optional<PassHolder> PassSigner::Verify(std::string_view pass) const {
  const size_t first = pass.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = pass.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::optional<int64_t> contest = ParsePositive(pass.substr(0, first));
  std::optional<int64_t> member = ParsePositive(pass.substr(first + 1, second - first - 1));
  if (!contest || !member) return std::nullopt;
  if (!auth_internal::ConstantTimeEquals(pass.substr(second + 1), Mac(*contest, *member))) {
    return std::nullopt;
  }
  return PassHolder{*contest, *member};
}

}  // namespace dj
