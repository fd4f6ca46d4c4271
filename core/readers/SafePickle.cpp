// SPDX-License-Identifier: MIT
#include "readers/SafePickle.h"

#include "analysis/Variation.h"
#include "base/Limits.h"
#include "base/LoadError.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace atenscope {

namespace {

// Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool validUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        std::uint32_t cp;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3, cp = c & 0x07;
        else
            return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

}  // namespace

namespace {

// What the machine holds: plain values, containers shared by reference (a memoized list that
// is filled after it was memoized must show its items wherever it is referenced). The machine
// owns every object; references are plain pointers, so a list that holds itself leaks nothing.
struct PyObj;
using Ref = PyObj*;

struct PyObj {
    enum class Kind : unsigned char { None, Bool, Int, BigInt, Float, Str, Bytes, List, Tuple, Set, Dict, Global, Mark };
    Kind kind = Kind::None;
    bool b = false;
    union {
        std::int64_t i = 0;
        double f;
    };
    std::string s;           // Str, Bytes, BigInt digits, Global "module.name"
    std::vector<Ref> items;  // List, Tuple, Set; a Dict's keys and values, alternating
};

// The globals a metrics file may hold, by what they become.
bool isTorchDtype(const std::string& name) {
    static const char* const dtypes[] = {"float32",     "float",  "float64",   "double",     "float16", "half",    "bfloat16",
                                         "int8",        "int16",  "short",     "int32",      "int",     "int64",   "long",
                                         "uint8",       "bool",   "complex64", "complex128", "cfloat",  "cdouble", "float8_e4m3fn",
                                         "float8_e5m2", "uint16", "uint32",    "uint64"};
    if (name.rfind("torch.", 0) != 0) return false;
    for (const char* d : dtypes)
        if (name.compare(6, std::string::npos, d) == 0) return true;
    return false;
}

bool allowedGlobal(const std::string& name) {
    return isTorchDtype(name) || name == "torch.Size" || name == "collections.OrderedDict" || name == "builtins.set" ||
           name == "builtins.frozenset" || name == "builtins.bytearray" || name == "_codecs.encode" || name == "__builtin__.set";
}

class Machine {
public:
    Machine(std::string_view bytes, const std::string& file, const PickleLimits& limits) : in_(bytes), file_(file), limits_(limits) {}

    nlohmann::ordered_json run() {
        while (true) {
            if (at_ >= in_.size()) fail("the pickle ends without a STOP");
            op_ = at_;
            const auto code = static_cast<unsigned char>(in_[at_++]);
            if (code == '.') break;  // STOP
            step(code);
        }
        if (stack_.size() != 1) fail("the pickle leaves " + std::to_string(stack_.size()) + " values, expected one");
        // What the result will hold is counted before any of it is made: shared references
        // (a memoized list put in many places) are copied into the result, so a small pickle
        // could ask for gigabytes.
        const Size size = measure(stack_.back(), 0);
        if (size.values > limits_.maxValues)
            fail("the result would hold more values than " + std::to_string(limits_.maxValues) + " (shared references multiplied); " +
                 limitText(limits_.maxValues, "values"));
        if (size.bytes > limits_.maxTextBytes)
            fail("the result would hold more than " + byteText(limits_.maxTextBytes) + " of text (shared references multiplied); " +
                 limitText(limits_.maxTextBytes, "bytes"));
        return toJson(stack_.back());
    }

private:
    [[noreturn]] void fail(const std::string& what) const { throw InputError(file_, "byte " + std::to_string(op_), what); }

    // Everything the machine keeps is charged as it is made, so memory stays within the limit
    // however the pickle multiplies its values.
    void charge(std::size_t bytes) {
        held_ += bytes;
        if (held_ > limits_.maxBytes)
            fail("the pickle's values take more than " + byteText(limits_.maxBytes) + " of memory; " +
                 limitText(limits_.maxBytes, "bytes"));
    }
    Ref make(PyObj::Kind k) {
        charge(sizeof(PyObj));
        Ref o = &objects_.emplace_back();
        o->kind = k;
        return o;
    }
    void append(std::vector<Ref>& to, const Ref* from, std::size_t n) {
        charge(n * sizeof(Ref));
        to.insert(to.end(), from, from + n);
    }
    void setText(const Ref& o, std::string_view text) {
        charge(text.size());
        o->s.assign(text);
    }

    std::string_view take(std::size_t n) {
        if (in_.size() - at_ < n) fail("the pickle ends inside an opcode's argument");
        const auto out = in_.substr(at_, n);
        at_ += n;
        return out;
    }
    std::uint64_t unsignedLE(std::size_t n) {
        const auto b = take(n);
        std::uint64_t v = 0;
        for (std::size_t k = 0; k < n; ++k) v |= std::uint64_t(static_cast<unsigned char>(b[k])) << (8 * k);
        return v;
    }
    // A memo key written as text (protocol-0 PUT and GET).
    std::uint64_t textKey() {
        const std::string t(line());
        std::uint64_t v = 0;
        const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || ptr != t.data() + t.size()) fail("memo key '" + t + "' is not a number");
        return v;
    }
    std::string_view line() {
        const auto end = in_.find('\n', at_);
        if (end == std::string_view::npos) fail("the pickle ends inside a text argument");
        const auto out = in_.substr(at_, end - at_);
        at_ = end + 1;
        return out;
    }

    Ref pop() {
        if (stack_.empty() || stack_.back()->kind == PyObj::Kind::Mark) fail("pops from an empty stack");
        Ref r = stack_.back();
        stack_.pop_back();
        return r;
    }
    Ref& top() {
        if (stack_.empty() || stack_.back()->kind == PyObj::Kind::Mark) fail("needs a value on the stack");
        return stack_.back();
    }
    std::vector<Ref> popToMark() {
        std::size_t m = stack_.size();
        while (m > 0 && stack_[m - 1]->kind != PyObj::Kind::Mark) --m;
        if (m == 0) fail("no MARK on the stack");
        std::vector<Ref> items(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
        stack_.resize(m - 1);
        return items;
    }
    void push(Ref r) { stack_.push_back(std::move(r)); }
    // A str opcode's bytes are UTF-8, as Python writes them; Python refuses any other
    // (UnicodeDecodeError), and so does this reader.
    Ref str(std::string_view s) {
        if (!validUtf8(s)) fail("a string that is not UTF-8");
        auto o = make(PyObj::Kind::Str);
        setText(o, s);
        return o;
    }
    Ref integer(std::int64_t v) {
        auto o = make(PyObj::Kind::Int);
        o->i = v;
        return o;
    }
    void memoPut(std::uint64_t key) {
        const Ref value = top();
        if (auto [it, added] = memo_.try_emplace(key, value); !added) {
            it->second = value;
        } else {
            charge(48);  // a node of the memo's table
        }
    }
    void memoGet(std::uint64_t key) {
        const auto it = memo_.find(key);
        if (it == memo_.end()) fail("memo " + std::to_string(key) + " was never stored");
        push(it->second);
    }
    void addToList(const Ref& list, const std::vector<Ref>& items) {
        if (list->kind != PyObj::Kind::List) fail("APPEND to something not a list");
        append(list->items, items.data(), items.size());
    }
    void setItems(const Ref& d, const std::vector<Ref>& kv) {
        if (d->kind != PyObj::Kind::Dict) fail("SETITEM on something not a dict");
        if (kv.size() % 2) fail("SETITEMS with a key and no value");
        append(d->items, kv.data(), kv.size());
    }

    // A little-endian two's-complement integer of n bytes (LONG1, LONG4).
    Ref longInt(std::string_view b) {
        if (b.empty()) return integer(0);
        if (b.size() <= 8) {
            std::uint64_t v = 0;
            for (std::size_t k = 0; k < b.size(); ++k) v |= std::uint64_t(static_cast<unsigned char>(b[k])) << (8 * k);
            if (b.size() < 8 && (static_cast<unsigned char>(b.back()) & 0x80)) v |= ~std::uint64_t(0) << (8 * b.size());
            return integer(static_cast<std::int64_t>(v));
        }
        // Longer: the decimal digits, by repeated division of the magnitude (quadratic in the
        // length, so the length is bounded as Python bounds int-to-text conversions).
        if (b.size() * 2.408 > double(limits::kIntDigits))
            fail("an integer of " + std::to_string(b.size()) + " bytes, more than " + std::to_string(limits::kIntDigits) +
                 " decimal digits (Python's own limit for int to text); " + limitText(limits::kIntDigits, "digits", false));
        std::vector<unsigned char> mag(b.begin(), b.end());
        const bool negative = mag.back() & 0x80;
        if (negative) {  // two's complement: invert and add one
            unsigned carry = 1;
            for (auto& byte : mag) {
                const unsigned v = static_cast<unsigned char>(~byte) + carry;
                byte = static_cast<unsigned char>(v);
                carry = v >> 8;
            }
        }
        std::string digits;
        while (true) {
            bool zero = true;
            unsigned rem = 0;
            for (std::size_t k = mag.size(); k-- > 0;) {
                const unsigned cur = (rem << 8) | mag[k];
                mag[k] = static_cast<unsigned char>(cur / 10);
                rem = cur % 10;
                zero = zero && mag[k] == 0;
            }
            digits += static_cast<char>('0' + rem);
            if (zero) break;
        }
        if (negative) digits += '-';
        auto o = make(PyObj::Kind::BigInt);
        setText(o, std::string(digits.rbegin(), digits.rend()));
        return o;
    }

    void global(const std::string& name) {
        if (!allowedGlobal(name)) fail("refuses global " + name + " (a pickle that calls code)");
        auto o = make(PyObj::Kind::Global);
        setText(o, name);
        push(o);
    }

    // REDUCE of an allowed global with its argument tuple: the plain value it stands for.
    void reduce() {
        const Ref args = pop();
        const Ref callee = pop();
        if (callee->kind != PyObj::Kind::Global) fail("REDUCE of something not a global (a pickle that calls code)");
        if (args->kind != PyObj::Kind::Tuple) fail("REDUCE without an argument tuple");
        const std::string& g = callee->s;
        if (g == "torch.Size" || g == "builtins.set" || g == "builtins.frozenset" || g == "__builtin__.set") {
            const bool size = g == "torch.Size";
            if (!args->items.empty()) {
                const Ref& seq = args->items[0];
                if (seq->kind != PyObj::Kind::List && seq->kind != PyObj::Kind::Tuple) fail(g + " of something not a sequence");
                // A tuple is never changed: torch.Size of one is that tuple, shared, not copied.
                if (size && seq->kind == PyObj::Kind::Tuple) {
                    push(seq);
                    return;
                }
                auto o = make(size ? PyObj::Kind::Tuple : PyObj::Kind::Set);
                append(o->items, seq->items.data(), seq->items.size());
                push(o);
                return;
            }
            push(make(size ? PyObj::Kind::Tuple : PyObj::Kind::Set));
        } else if (g == "collections.OrderedDict") {
            push(make(PyObj::Kind::Dict));  // its items follow as SETITEMS
        } else if (g == "_codecs.encode" || g == "builtins.bytearray") {
            auto o = make(PyObj::Kind::Bytes);
            if (!args->items.empty()) {
                const Ref& text = args->items[0];
                if (text->kind == PyObj::Kind::Bytes) {
                    setText(o, text->s);
                } else if (text->kind == PyObj::Kind::Str) {
                    charge(text->s.size());
                    // latin-1: each UTF-8 decoded code point below 256 is one byte.
                    const std::string& u = text->s;
                    for (std::size_t k = 0; k < u.size(); ++k) {
                        const auto c = static_cast<unsigned char>(u[k]);
                        if (c < 0x80) {
                            o->s += static_cast<char>(c);
                        } else if ((c & 0xE0) == 0xC0 && k + 1 < u.size()) {
                            o->s += static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(u[k + 1]) & 0x3F));
                            ++k;
                        } else {
                            fail("bytes encoded beyond latin-1");
                        }
                    }
                } else {
                    fail(g + " of something not text");
                }
            }
            push(o);
        } else {
            fail("refuses to call " + g);  // a dtype is a value, not a callable
        }
    }

    void step(unsigned char code) {
        using K = PyObj::Kind;
        switch (code) {
            case 0x80:  // PROTO
                if (const auto v = unsignedLE(1); v < 2 || v > 5) fail("pickle protocol " + std::to_string(v) + " (2 to 5 are read)");
                return;
            case 0x95:  // FRAME
                (void)unsignedLE(8);
                return;
            case '(':  // MARK
                push(make(K::Mark));
                return;
            case '0':  // POP
                (void)pop();
                return;
            case '1':  // POP_MARK
                (void)popToMark();
                return;
            case '2':  // DUP
                push(top());
                return;
            case 'N':
                push(make(K::None));
                return;
            case 0x88:
            case 0x89: {
                auto o = make(K::Bool);
                o->b = code == 0x88;
                push(o);
                return;
            }
            case 'J':
                push(integer(static_cast<std::int32_t>(unsignedLE(4))));
                return;
            case 'K':
                push(integer(static_cast<std::int64_t>(unsignedLE(1))));
                return;
            case 'M':
                push(integer(static_cast<std::int64_t>(unsignedLE(2))));
                return;
            case 0x8a:  // LONG1
                push(longInt(take(unsignedLE(1))));
                return;
            case 0x8b: {  // LONG4
                const auto n = unsignedLE(4);
                if (n > in_.size()) fail("LONG4 longer than the file");
                push(longInt(take(n)));
                return;
            }
            case 'I': {  // INT (text; 00/01 are False/True)
                const std::string t(line());
                if (t == "00" || t == "01") {
                    auto o = make(K::Bool);
                    o->b = t == "01";
                    push(o);
                } else {
                    try {
                        push(integer(std::stoll(t)));
                    } catch (const std::exception&) {
                        fail("INT '" + t + "' is not a number");
                    }
                }
                return;
            }
            case 'G': {  // BINFLOAT, big-endian
                const auto b = take(8);
                std::uint64_t v = 0;
                for (std::size_t k = 0; k < 8; ++k) v = (v << 8) | static_cast<unsigned char>(b[k]);
                auto o = make(K::Float);
                std::memcpy(&o->f, &v, 8);
                push(o);
                return;
            }
            case 'F': {  // FLOAT (text)
                const std::string t(line());
                auto o = make(K::Float);
                try {
                    o->f = std::stod(t);
                } catch (const std::exception&) {
                    fail("FLOAT '" + t + "' is not a number");
                }
                push(o);
                return;
            }
            case 'X':
                push(str(take(unsignedLE(4))));
                return;
            case 0x8c:
                push(str(take(unsignedLE(1))));
                return;
            case 0x8d:
                push(str(take(unsignedLE(8))));
                return;
            case 'B':
            case 'C':
            case 0x8e:
            case 0x96: {  // BINBYTES, SHORT_BINBYTES, BINBYTES8, BYTEARRAY8
                const std::size_t n = code == 'C' ? 1 : code == 'B' ? 4 : 8;
                const auto len = unsignedLE(n);
                if (len > in_.size()) fail("bytes longer than the file");
                auto o = make(K::Bytes);
                setText(o, take(len));
                push(o);
                return;
            }
            case ']':
                push(make(K::List));
                return;
            case 'l': {
                auto o = make(K::List);
                const auto items = popToMark();
                append(o->items, items.data(), items.size());
                push(o);
                return;
            }
            case 'a': {
                const Ref v = pop();
                addToList(top(), {v});
                return;
            }
            case 'e': {
                const auto items = popToMark();
                addToList(top(), items);
                return;
            }
            case ')':
                push(make(K::Tuple));
                return;
            case 't':
            case 0x85:
            case 0x86:
            case 0x87: {
                auto o = make(K::Tuple);
                if (code == 't') {
                    const auto items = popToMark();
                    append(o->items, items.data(), items.size());
                } else {
                    const std::size_t n = code - 0x84;
                    charge(n * sizeof(Ref));
                    o->items.resize(n);
                    for (std::size_t k = n; k-- > 0;) o->items[k] = pop();
                }
                push(o);
                return;
            }
            case '}':
                push(make(K::Dict));
                return;
            case 'd': {
                auto o = make(K::Dict);
                setItems(o, popToMark());
                push(o);
                return;
            }
            case 's': {
                const Ref v = pop();
                const Ref k = pop();
                setItems(top(), {k, v});
                return;
            }
            case 'u': {
                const auto kv = popToMark();
                setItems(top(), kv);
                return;
            }
            case 0x8f:
                push(make(K::Set));
                return;
            case 0x90: {  // ADDITEMS
                const auto items = popToMark();
                Ref& s = top();
                if (s->kind != K::Set) fail("ADDITEMS to something not a set");
                append(s->items, items.data(), items.size());
                return;
            }
            case 0x91: {  // FROZENSET
                auto o = make(K::Set);
                const auto items = popToMark();
                append(o->items, items.data(), items.size());
                push(o);
                return;
            }
            case 'p':
                memoPut(textKey());
                return;
            case 'q':
                memoPut(unsignedLE(1));
                return;
            case 'r':
                memoPut(unsignedLE(4));
                return;
            case 0x94:  // MEMOIZE
                memoPut(memo_.size());
                return;
            case 'g':
                memoGet(textKey());
                return;
            case 'h':
                memoGet(unsignedLE(1));
                return;
            case 'j':
                memoGet(unsignedLE(4));
                return;
            case 'c': {  // GLOBAL "module\nname\n"
                std::string module(line());
                const std::string name(line());
                if (module == "__builtin__") module = "builtins";
                global(module + "." + name);
                return;
            }
            case 0x93: {  // STACK_GLOBAL
                const Ref name = pop();
                const Ref module = pop();
                if (name->kind != K::Str || module->kind != K::Str) fail("STACK_GLOBAL of something not text");
                global(module->s + "." + name->s);
                return;
            }
            case 'R':
                reduce();
                return;
            case 'i':
                fail("refuses INST (a pickle that builds objects by calling code)");
            case 'o':
                fail("refuses OBJ (a pickle that builds objects by calling code)");
            case 0x81:
                fail("refuses NEWOBJ (a pickle that builds objects by calling code)");
            case 0x92:
                fail("refuses NEWOBJ_EX (a pickle that builds objects by calling code)");
            case 'b':
                fail("refuses BUILD (a pickle that sets an object's state)");
            case 'P':
            case 'Q':
                fail("refuses persistent ids (a pickle that needs its writer's loader)");
            case 0x82:
            case 0x83:
            case 0x84:
                fail("refuses extension codes");
            case 0x97:
            case 0x98:
                fail("refuses out-of-band buffers");
            case 'S':
            case 'T':
            case 'U':
            case 'V':
                fail("refuses protocol-0/1 string opcodes");
            default:
                fail("unknown opcode 0x" + [code] {
                    const char* hex = "0123456789abcdef";
                    return std::string{hex[code >> 4], hex[code & 15]};
                }());
        }
    }

    std::string keyText(const Ref& k) {
        switch (k->kind) {
            case PyObj::Kind::Str:
                return k->s;
            case PyObj::Kind::Int:
                return std::to_string(k->i);
            case PyObj::Kind::BigInt:
                return k->s;
            case PyObj::Kind::Bool:
                return k->b ? "True" : "False";
            case PyObj::Kind::None:
                return "None";
            case PyObj::Kind::Float:
                return pythonFloatRepr(k->f);
            default:
                fail("a dict key that is not text or a number");
        }
    }

    // The values and text bytes an object's JSON holds, shared references counted each time
    // they appear (as the result copies them), each object measured once.
    struct Size {
        std::uint64_t values = 0, bytes = 0;
    };
    Size measure(const Ref& o, std::size_t depth) {
        if (depth > limits_.maxDepth)
            fail("nested deeper than " + std::to_string(limits_.maxDepth) + "; " + limitText(limits_.maxDepth, "levels", false));
        if (const auto it = sizes_.find(o); it != sizes_.end()) {
            if (it->second.values == 0) fail("a value that holds itself");
            return it->second;
        }
        sizes_[o] = Size{};  // being measured: meeting it again below is a cycle
        // Saturating sums: sharing can make the true count astronomically large.
        const std::uint64_t cap = std::uint64_t{1} << 62;
        Size size{1, o->s.size()};
        if (o->kind == PyObj::Kind::Bytes) size.bytes *= 2;  // hex
        for (std::size_t k = 0; k < o->items.size(); ++k) {
            const Ref& item = o->items[k];
            if (o->kind == PyObj::Kind::Dict && k % 2 == 0) {  // a key: its text only
                size.bytes = std::min(cap, size.bytes + item->s.size() + 24);
                continue;
            }
            const Size s = measure(item, depth + 1);
            size.values = std::min(cap, size.values + s.values);
            size.bytes = std::min(cap, size.bytes + s.bytes);
        }
        sizes_[o] = size;
        return size;
    }

    // Only after measure() has accepted the object: no depth, cycle or size check here.
    nlohmann::ordered_json toJson(const Ref& o) {
        using K = PyObj::Kind;
        switch (o->kind) {
            case K::None:
                return nullptr;
            case K::Bool:
                return o->b;
            case K::Int:
                return o->i;
            case K::BigInt:
                return o->s;
            case K::Float:
                return o->f;
            case K::Str:
                return o->s;
            case K::Bytes: {
                static const char* hex = "0123456789abcdef";
                std::string h;
                h.reserve(o->s.size() * 2);
                for (unsigned char c : o->s) h += {hex[c >> 4], hex[c & 15]};
                return {{"$bytes", h}};
            }
            case K::List:
            case K::Tuple:
            case K::Set: {
                auto a = nlohmann::ordered_json::array();
                a.get_ref<nlohmann::ordered_json::array_t&>().reserve(o->items.size());
                for (const auto& item : o->items) a.push_back(toJson(item));
                return a;
            }
            case K::Dict: {
                // A later value of a key replaces the earlier one where that stood, as in
                // Python; found through a hash table, not ordered_json's linear search.
                auto d = nlohmann::ordered_json::object();
                auto& entries = static_cast<std::vector<std::pair<const std::string, nlohmann::ordered_json>>&>(
                    d.get_ref<nlohmann::ordered_json::object_t&>());
                std::unordered_map<std::string, std::size_t> at;
                for (std::size_t k = 0; k + 1 < o->items.size(); k += 2) {
                    std::string key = keyText(o->items[k]);
                    nlohmann::ordered_json value = toJson(o->items[k + 1]);
                    if (const auto it = at.find(key); it != at.end()) {
                        entries[it->second].second = std::move(value);
                    } else {
                        at.emplace(key, entries.size());
                        entries.emplace_back(std::move(key), std::move(value));
                    }
                }
                return d;
            }
            case K::Global:
                if (isTorchDtype(o->s)) return o->s;
                fail("a bare " + o->s + " among the values");
            case K::Mark:
                break;
        }
        fail("a MARK left among the values");
    }

    std::string_view in_;
    const std::string& file_;
    PickleLimits limits_;
    std::size_t at_ = 0;
    std::size_t op_ = 0;         // where the opcode being run starts: errors name it
    std::deque<PyObj> objects_;  // addresses stay put as it grows
    std::size_t held_ = 0;       // bytes charged: objects, their items and their text
    std::vector<Ref> stack_;
    std::unordered_map<std::uint64_t, Ref> memo_;
    std::unordered_map<const PyObj*, Size> sizes_;
};

}  // namespace

nlohmann::ordered_json readPickle(std::string_view bytes, const std::string& file, const PickleLimits& limits) {
    return Machine(bytes, file, limits).run();
}

}  // namespace atenscope
