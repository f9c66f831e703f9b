// Internal (not installed): the documented pack order (docs/packs.md,
// "Reasons"): built-in packs in catalogue order (packs::all()), then packs
// made in code by id; one pack bound to several destinations by destination.
// Jurisdictions keeps its bindings in this order (pack_order()) and the pack
// rules fall back to it when that is not known.
#ifndef SENDPOLICY_SRC_PACKS_PACK_ORDER_H_
#define SENDPOLICY_SRC_PACKS_PACK_ORDER_H_

#include <cstddef>
#include <string_view>

#include "sendpolicy/jurisdictions.h"

namespace sendpolicy {
namespace internal {

// The catalogue position of the built-in pack with this id, or the number
// of built-in packs for any other.
std::size_t pack_rank(std::string_view id) noexcept;

// True iff binding `a` (of rank `rank_a`) comes before `b` in the order.
inline bool ranked_before(std::size_t rank_a, const PackBinding& a, std::size_t rank_b,
                          const PackBinding& b) noexcept {
  if (rank_a != rank_b) return rank_a < rank_b;
  if (a.pack.id != b.pack.id) return a.pack.id < b.pack.id;
  return a.destination < b.destination;
}

}  // namespace internal
}  // namespace sendpolicy

#endif  // SENDPOLICY_SRC_PACKS_PACK_ORDER_H_
