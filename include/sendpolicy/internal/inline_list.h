// sendpolicy/internal/inline_list.h: not part of the public API.
//
// A fixed-capacity list stored inline, so a SendDecision never touches the
// heap. Capacity is the number of distinct codes, and each code appears at
// most once, so it cannot overflow.
#ifndef SENDPOLICY_INTERNAL_INLINE_LIST_H_
#define SENDPOLICY_INTERNAL_INLINE_LIST_H_

#include <array>
#include <cstddef>

namespace sendpolicy {
namespace internal {

template <class T, std::size_t N>
class InlineList {
 public:
  using value_type = T;
  using const_iterator = const T*;

  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  static constexpr std::size_t capacity() noexcept { return N; }
  constexpr const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  constexpr const T* begin() const noexcept { return items_.data(); }
  constexpr const T* end() const noexcept { return items_.data() + size_; }
  constexpr const T& front() const noexcept { return items_[0]; }

  // Inserts keeping the list ordered by `code` and unique per code; a second
  // item with the same code is dropped (the first rule to report it wins).
  // Returns false when dropped.
  constexpr bool insert_by_code(const T& item) noexcept {
    return insert_by_code(item, [](T&, const T&) noexcept {});
  }

  // As above, but a second item with the same code is handed to
  // `merge(kept, item)`, which may update the kept one in place.
  template <class Merge>
  constexpr bool insert_by_code(const T& item, Merge merge) noexcept {
    std::size_t pos = 0;
    while (pos < size_ && items_[pos].code < item.code) ++pos;
    if (pos < size_ && items_[pos].code == item.code) {
      merge(items_[pos], item);
      return false;
    }
    if (size_ == N) return false;
    for (std::size_t i = size_; i > pos; --i) items_[i] = items_[i - 1];
    items_[pos] = item;
    ++size_;
    return true;
  }

  constexpr void clear() noexcept { size_ = 0; }

 private:
  std::array<T, N> items_{};
  std::size_t size_ = 0;
};

}  // namespace internal
}  // namespace sendpolicy

#endif  // SENDPOLICY_INTERNAL_INLINE_LIST_H_
