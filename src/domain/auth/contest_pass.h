// Contest passes (参赛凭证): a link that lets one member take part in one contest without
// signing in.
//
// 300,000 members arriving within minutes cannot each be checked with a password hash
// (argon2id takes ~20 ms of a core: 89 logins a second on this machine), nor each need a
// session row. A pass is "<contest>.<member>.<mac>", the mac an HMAC-SHA-256 of the two ids
// under a key only the server holds (kept in the database, table server_keys); checking one
// costs a microsecond and no database read. Organisers hand each member their link
// (exported per unit), and members who have an account get theirs after signing in.
//
// A pass is valid for its contest only, for as long as the key is; replacing the key
// revokes every pass at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dj {

struct PassHolder {
  int64_t contest = 0;
  int64_t member = 0;

  bool operator==(const PassHolder&) const = default;
};

class PassSigner {
 public:
  // `key`: at least 32 bytes of secret (NewKey()).
  explicit PassSigner(std::string key) : key_(std::move(key)) {}

  // A new random key (43 characters of base64url).
  static std::string NewKey();

  std::string Issue(int64_t contest, int64_t member) const;
  // The holder named by `pass`; nullopt when it is malformed or its mac does not match.
  std::optional<PassHolder> Verify(std::string_view pass) const;

 private:
  std::string Mac(int64_t contest, int64_t member) const;

  std::string key_;
};

}  // namespace dj
