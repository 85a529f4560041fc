// Fuzz target for the parsers of lib/ip: IpAddress::Parse, Cidr::Parse (strict
// and normalizing), AddressSet::Parse, PortRange::Parse, PortSet::Parse and
// ParseProtocol. Checks invariants: whatever parses round-trips through
// ToString() to an equal value, a CIDR contains its own bounds, and set
// identities hold on parsed address sets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "polygraph/address_set.h"
#include "polygraph/cidr.h"
#include "polygraph/ip_address.h"
#include "polygraph/packet_set.h"
#include "polygraph/port_range.h"

namespace {

using ::polygraph::ip::AddressSet;
using ::polygraph::ip::Cidr;
using ::polygraph::ip::IpAddress;
using ::polygraph::ip::ParseProtocol;
using ::polygraph::ip::PortRange;
using ::polygraph::ip::PortSet;
using ::polygraph::ip::ProtocolSet;

void Check(bool condition) {
  if (!condition) std::abort();
}

// Parses `text` with `parse`; if it succeeds, the value's ToString() must
// parse again to an equal value.
template <typename Parse>
void CheckRoundTrip(std::string_view text, Parse parse) {
  auto value = parse(text);
  if (!value.ok()) return;
  auto again = parse(value->ToString());
  Check(again.ok() && *again == *value);
}

void CheckCidr(const Cidr& cidr) {
  Check(cidr.Contains(cidr.first()) && cidr.Contains(cidr.last()));
  Check(cidr.first() <= cidr.last());
  Check(cidr.first().family() == cidr.family());
  Check(Cidr::FromRange(cidr.first(), cidr.last()).size() == 1);
  absl::StatusOr<Cidr> strict = Cidr::Parse(cidr.ToString());
  Check(strict.ok() && *strict == cidr);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckRoundTrip(text, [](std::string_view t) { return IpAddress::Parse(t); });
  CheckRoundTrip(text, [](std::string_view t) { return Cidr::Parse(t); });
  CheckRoundTrip(text, [](std::string_view t) { return PortRange::Parse(t); });
  CheckRoundTrip(text, [](std::string_view t) { return PortSet::Parse(t); });

  absl::StatusOr<Cidr> cidr = Cidr::Parse(text);
  if (cidr.ok()) CheckCidr(*cidr);
  absl::StatusOr<Cidr> normalized =
      Cidr::Parse(text, {.normalize_host_bits = true});
  if (normalized.ok()) {
    CheckCidr(*normalized);
    // Strict parsing accepts exactly the inputs normalization leaves alone.
    Check(!cidr.ok() || *cidr == *normalized);
  } else {
    Check(!cidr.ok());
  }

  absl::StatusOr<AddressSet> set = AddressSet::Parse(text);
  if (set.ok()) {
    absl::StatusOr<AddressSet> again = AddressSet::Parse(set->ToString());
    Check(again.ok() && *again == *set);
    Check(AddressSet::Of(set->ToCidrs()) == *set);
    Check(set->Complement().Complement() == *set);
    Check(set->Subtract(*set).empty());
    Check(set->Union(*set) == *set && set->Intersect(*set) == *set);
    Check(set->empty() || set->Overlaps(*set));
    Check(AddressSet::All().Contains(*set));
  }

  absl::StatusOr<ProtocolSet> protocols = ParseProtocol(text);
  if (protocols.ok()) Check(!protocols->empty());
  return 0;
}
