// Hash functions (md5, sha1, sha256, base64sha256) and their file forms
// (filemd5, filesha1, filesha256, filebase64sha256), plus filebase64.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "base/strings.h"
#include "terraform/functions_internal.h"

namespace polygraph::terraform::functions_internal {
namespace {

uint32_t RotateLeft(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
uint32_t RotateRight(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// The message padded to whole 64-byte blocks with its bit length appended,
// big-endian (SHA) or little-endian (MD5).
std::string Padded(std::string_view message, bool big_endian) {
  std::string data(message);
  const uint64_t bits = static_cast<uint64_t>(message.size()) * 8;
  data += static_cast<char>(0x80);
  while (data.size() % 64 != 56) data += '\0';
  for (int i = 0; i < 8; ++i) {
    const int shift = big_endian ? 56 - 8 * i : 8 * i;
    data += static_cast<char>((bits >> shift) & 0xff);
  }
  return data;
}

uint32_t Word(const std::string& data, size_t at, bool big_endian) {
  uint32_t word = 0;
  for (int i = 0; i < 4; ++i) {
    const uint32_t byte = static_cast<unsigned char>(data[at + i]);
    word |= big_endian ? byte << (24 - 8 * i) : byte << (8 * i);
  }
  return word;
}

std::string Bytes(std::span<const uint32_t> words, bool big_endian) {
  std::string out;
  for (uint32_t word : words) {
    for (int i = 0; i < 4; ++i) {
      const int shift = big_endian ? 24 - 8 * i : 8 * i;
      out += static_cast<char>((word >> shift) & 0xff);
    }
  }
  return out;
}

std::string Md5(std::string_view message) {
  static constexpr int kShifts[64] = {
      7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
      5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
      4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
      6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  // floor(abs(sin(i + 1)) * 2^32), the constants of RFC 1321.
  static constexpr uint32_t kSines[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
      0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
      0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
      0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
      0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
      0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
      0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
      0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
      0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
      0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
      0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  const std::string data = Padded(message, /*big_endian=*/false);
  for (size_t block = 0; block < data.size(); block += 64) {
    uint32_t m[16];
    for (int i = 0; i < 16; ++i) m[i] = Word(data, block + 4 * i, false);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t f = 0;
      int g = 0;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const uint32_t next = d;
      d = c;
      c = b;
      b = b + RotateLeft(a + f + kSines[i] + m[g], kShifts[i]);
      a = next;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
  }
  return Bytes(h, /*big_endian=*/false);
}

std::string Sha1(std::string_view message) {
  uint32_t h[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  const std::string data = Padded(message, /*big_endian=*/true);
  for (size_t block = 0; block < data.size(); block += 64) {
    uint32_t w[80];
    for (int i = 0; i < 16; ++i) w[i] = Word(data, block + 4 * i, true);
    for (int i = 16; i < 80; ++i) {
      w[i] = RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      uint32_t f = 0;
      uint32_t k = 0;
      if (i < 20) {
        f = (b & c) | (~b & d), k = 0x5a827999;
      } else if (i < 40) {
        f = b ^ c ^ d, k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d, k = 0xca62c1d6;
      }
      const uint32_t next = RotateLeft(a, 5) + f + e + k + w[i];
      e = d, d = c, c = RotateLeft(b, 30), b = a, a = next;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
  }
  return Bytes(h, /*big_endian=*/true);
}

std::string Sha256(std::string_view message) {
  static constexpr uint32_t kRounds[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
      0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
      0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
      0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
      0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
      0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
      0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
      0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
      0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
      0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const std::string data = Padded(message, /*big_endian=*/true);
  for (size_t block = 0; block < data.size(); block += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) w[i] = Word(data, block + 4 * i, true);
    for (int i = 16; i < 64; ++i) {
      const uint32_t s0 = RotateRight(w[i - 15], 7) ^
                          RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const uint32_t s1 = RotateRight(w[i - 2], 17) ^
                          RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t v[8];
    for (int i = 0; i < 8; ++i) v[i] = h[i];
    for (int i = 0; i < 64; ++i) {
      const uint32_t s1 =
          RotateRight(v[4], 6) ^ RotateRight(v[4], 11) ^ RotateRight(v[4], 25);
      const uint32_t choice = (v[4] & v[5]) ^ (~v[4] & v[6]);
      const uint32_t t1 = v[7] + s1 + choice + kRounds[i] + w[i];
      const uint32_t s0 =
          RotateRight(v[0], 2) ^ RotateRight(v[0], 13) ^ RotateRight(v[0], 22);
      const uint32_t majority = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      const uint32_t t2 = s0 + majority;
      for (int k = 7; k > 0; --k) v[k] = v[k - 1];
      v[4] += t1;
      v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; ++i) h[i] += v[i];
  }
  return Bytes(h, /*big_endian=*/true);
}

using Digest = std::string (*)(std::string_view);

struct HashSpec {
  std::string_view name;
  Digest digest;
  bool base64;  // the digest in base64, else in lower-case hex
};

constexpr HashSpec kHashes[] = {
    {"md5", Md5, false},
    {"sha1", Sha1, false},
    {"sha256", Sha256, false},
    {"base64sha256", Sha256, true},
};

std::string Rendered(const HashSpec& spec, std::string_view text) {
  const std::string digest = spec.digest(text);
  if (spec.base64) return absl::Base64Escape(digest);
  return absl::BytesToHexString(digest);
}

const HashSpec& SpecFor(std::string_view name) {
  if (name.starts_with("file")) name.remove_prefix(4);
  for (const HashSpec& spec : kHashes) {
    if (spec.name == name) return spec;
  }
  return kHashes[0];
}

absl::StatusOr<TfValue> Hash(Call& call) {
  absl::StatusOr<std::string> text = StringArg(call, 0);
  if (!text.ok()) return text.status();
  return TfValue::String(Rendered(SpecFor(call.name), *text), call.location);
}

absl::StatusOr<TfValue> FileHash(Call& call) {
  bool unknown = false;
  absl::StatusOr<std::string> bytes = ReadFileBytes(call, unknown);
  if (!bytes.ok()) return bytes.status();
  if (unknown) return UnknownResult(call);
  if (call.name == "filebase64") {
    return TfValue::String(absl::Base64Escape(*bytes), call.location);
  }
  return TfValue::String(Rendered(SpecFor(call.name), *bytes), call.location);
}

constexpr FunctionSpec kFunctions[] = {
    {"md5", 1, 1, false, Hash},
    {"sha1", 1, 1, false, Hash},
    {"sha256", 1, 1, false, Hash},
    {"base64sha256", 1, 1, false, Hash},
    {"filemd5", 1, 1, false, FileHash},
    {"filesha1", 1, 1, false, FileHash},
    {"filesha256", 1, 1, false, FileHash},
    {"filebase64sha256", 1, 1, false, FileHash},
    {"filebase64", 1, 1, false, FileHash},
};

}  // namespace

std::span<const FunctionSpec> HashFunctions() { return kFunctions; }

}  // namespace polygraph::terraform::functions_internal
