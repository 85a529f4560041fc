#include "polygraph/port_range.h"
#include "polygraph/reachability.h"

namespace polygraph::net {

ip::PortSet DefaultEphemeralPorts() {
  return ip::PortSet::Of(*ip::PortRange::Create(1024, 65535));
}

}  // namespace polygraph::net
