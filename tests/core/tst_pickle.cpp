// SPDX-License-Identifier: MIT
// The safe pickle reader against pickles Python wrote (protocols 2 to 5, tools/make_pickles.py):
// the JSON it gives equals what Python computed from the same objects, and pickles that would
// run code are refused at the byte pickletools found.
#include "base/LoadError.h"
#include "readers/SafePickle.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <cstring>

#include "TestData.h"

using namespace atenscope;
using namespace atenscope::test;
using namespace std::string_literals;

namespace {

std::string bytesOf(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    const QByteArray b = f.readAll();
    return std::string(b.constData(), static_cast<std::size_t>(b.size()));
}

}  // namespace

class TestPickle : public QObject {
    Q_OBJECT

private slots:
    void readsWhatPythonWrote_data() {
        QTest::addColumn<QString>("pickle");
        QTest::addColumn<QString>("expected");
        const QDir dir(data(QStringLiteral("pickles")));
        const auto files = dir.entryList({QStringLiteral("*.p?.pickle")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 12, "run tools/make_pickles.py");
        for (const auto& f : files) {
            const QString stem = f.section(QLatin1Char('.'), 0, 0);
            QTest::newRow(qPrintable(f)) << dir.filePath(f) << dir.filePath(stem + QStringLiteral(".expected.json"));
        }
    }
    void readsWhatPythonWrote() {
        QFETCH(QString, pickle);
        QFETCH(QString, expected);
        const auto got = readPickle(bytesOf(pickle), pickle.toStdString());
        std::ifstream in(expected.toStdString());
        const auto want = nlohmann::ordered_json::parse(in);
        QCOMPARE(QString::fromStdString(got.dump()), QString::fromStdString(want.dump()));
    }

    void refusesPicklesThatRunCode_data() {
        QTest::addColumn<QString>("pickle");
        QTest::addColumn<qint64>("offset");
        const auto want = readJson(data(QStringLiteral("pickles/refused.expected.json")));
        QVERIFY(want["refused_at_byte"].size() >= 4);
        for (const auto& [name, offset] : want["refused_at_byte"].items())
            QTest::newRow(name.c_str()) << data(QStringLiteral("pickles/") + QString::fromStdString(name))
                                        << qint64(offset.get<std::int64_t>());
    }
    void refusesPicklesThatRunCode() {
        QFETCH(QString, pickle);
        QFETCH(qint64, offset);
        try {
            (void)readPickle(bytesOf(pickle), pickle.toStdString());
            QFAIL("read a pickle that runs code");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.file()), pickle);
            QCOMPARE(QString::fromStdString(e.where()), QStringLiteral("byte %1").arg(offset));
        }
    }

    // Hand-made: truncations, a billion-laughs of shared lists, deep nesting, junk.
    void malformedPicklesFailCleanly() {
        const std::string good = bytesOf(data(QStringLiteral("pickles/odd-values.p4.pickle")));
        for (std::size_t cut = 0; cut < good.size(); cut += 7)
            QVERIFY_THROWS_EXCEPTION(InputError, readPickle(good.substr(0, cut), "cut.pickle"));
        // [x, x] nested 40 times: 2^40 values if references were copied without a bound.
        std::string laughs = "\x80\x04]";
        for (int i = 0; i < 40; ++i)
            laughs +=
                "\x94"
                "0(h" +
                std::string(1, char(i)) + "h" + std::string(1, char(i)) + "l";
        laughs += ".";
        PickleLimits limits;
        limits.maxValues = 100000;
        try {
            (void)readPickle(laughs, "laughs.pickle", limits);
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("more values than")), e.what());
        }
        laughs.replace(laughs.find("\x94"
                                   "0(h\x05"),
                       std::string::npos, ".");  // 5 levels: 63 values, read
        QCOMPARE(readPickle(laughs, "five.pickle", limits).dump(),
                 std::string("[[[[[[],[]],[[],[]]],[[[],[]],[[],[]]]],[[[[],[]],[[],[]]],[[[],[]],[[],[]]]]],[[[[[],[]],[[],[]]],[[[],[]],["
                             "[],[]]]],[[[[],[]],[[],[]]],[[[],[]],[[],[]]]]]]"));
        std::string deep = "\x80\x04";
        for (int i = 0; i < 5000; ++i) deep += "]";
        for (int i = 0; i < 4999; ++i) deep += "a";
        deep += ".";
        try {
            (void)readPickle(deep, "deep.pickle");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("nested deeper")), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(InputError, readPickle(std::string("\x80\x04\xff."), "junk.pickle"));
        // Found by the fuzzer: a text memo key that is not a number threw past the reader.
        QVERIFY_THROWS_EXCEPTION(InputError, readPickle(std::string("\x80\x04]pxyz\n."), "put.pickle"));
        QVERIFY_THROWS_EXCEPTION(InputError, readPickle(std::string("\x80\x04]gx\n."), "get.pickle"));
        // Found by the fuzzer: a list that holds itself (it leaked; now refused as too deep).
        QVERIFY_THROWS_EXCEPTION(InputError, readPickle(std::string("\x80\x04]\x94h\x00"
                                                                    "a.",
                                                                    8),
                                                        "self.pickle"));
        QVERIFY_THROWS_EXCEPTION(InputError, readPickle(std::string("\x80\x09N."), "protocol9.pickle"));
        QCOMPARE(readPickle(std::string("\x80\x02N.", 4), "none.pickle").dump(), std::string("null"));
        // Found by the fuzzer: a str that is not UTF-8 (Python refuses it too) reached the
        // metrics reader and threw from the JSON printer; now the pickle reader refuses it.
        try {
            (void)readPickle(std::string("\x80\x04\x8c\x02\xa4\xa4\x94.", 8), "bytes.pickle");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("byte 2: a string that is not UTF-8")), e.what());
        }
        for (const char* bad : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {  // overlong, surrogate, > U+10FFFF, cut
            std::string p = "\x80\x04\x8c";
            p += char(std::strlen(bad));
            p += bad;
            p += ".";
            QVERIFY_THROWS_EXCEPTION(InputError, readPickle(p, "bad-utf8.pickle"));
        }
        QCOMPARE(readPickle(std::string("\x80\x04\x8c\x07h\xc3\xa9\xe2\x9c\x93!.", 12), "utf8.pickle").get<std::string>(),
                 std::string("h\xc3\xa9\xe2\x9c\x93!"));
    }

    // docs/limits.md: memory charged as the pickle is read, the result counted before it is made.
    void limitsHoldWhileReading() {
        auto global = [](const std::string& module, const std::string& name) {
            return "\x8c"s + char(module.size()) + module + "\x8c" + char(name.size()) + name + "\x93";
        };
        auto expectError = [](const std::string& bytes, const PickleLimits& limits, const char* words) {
            try {
                (void)readPickle(bytes, "limits.pickle", limits);
                QFAIL("no error");
            } catch (const InputError& e) {
                QVERIFY2(QString::fromUtf8(e.what()).contains(QString::fromUtf8(words)), e.what());
                QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("limits.pickle: byte ")), e.what());
            }
        };
        // torch.Size of a list, 200 times: each copy is charged; 1,000 ints of 8-byte refs each.
        std::string list = "]q\x00("s;
        for (int i = 0; i < 1000; ++i) list += "K\x01";
        list += "e0";
        std::string sizes = "(";
        for (int i = 0; i < 200; ++i) sizes += global("torch", "Size") + "h\x00\x85R"s;
        PickleLimits small;
        small.maxBytes = 1 << 20;
        expectError("\x80\x04" + list + sizes + "l.", small, "of memory");
        // Of a tuple: shared, not copied, and the same values as Python gives.
        std::string tuple =
            "(K\x01K\x02tq\x00"
            "0("s +
            global("torch", "Size") + "h\x00\x85R"s + global("torch", "Size") + "h\x00\x85Rl."s;
        QCOMPARE(readPickle("\x80\x04" + tuple, "size.pickle").dump(), std::string("[[1,2],[1,2]]"));
        // A result that shared references make too large is refused before it is built.
        PickleLimits few;
        few.maxValues = 150'000;
        std::string bigTuple = "(";
        for (int i = 0; i < 1000; ++i) bigTuple += "K\x01";
        expectError("\x80\x04"s + bigTuple + "tq\x00"s + "0" + sizes + "l.", few, "more values than 150000");
        // Integers beyond Python's 4300 digits are refused; up to them, exact.
        expectError("\x80\x04\x8b\x00\x08\x00\x00"s + std::string(2048, '\x7f') + ".", {}, "4300 decimal digits");
        QCOMPARE(readPickle(std::string("\x80\x04\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x00\x01.", 14), "big.pickle").get<std::string>(),
                 std::string("18446744073709551616"));
        QCOMPARE(readPickle(std::string("\x80\x04\x8a\x09\xff\xff\xff\xff\xff\xff\xff\xff\xfe.", 14), "neg.pickle").get<std::string>(),
                 std::string("-18446744073709551617"));
    }

    // A dict of many keys is read in linear time, in Python's order, a repeated key keeping its
    // first place and its last value.
    void dictsOfManyKeys() {
        std::string p = "\x80\x04}(";
        for (int i = 0; i < 200'000; ++i) {
            const std::string key = "k" + std::to_string(i);
            p += "\x8c" + std::string(1, char(key.size())) + key + "J" + std::string(reinterpret_cast<const char*>(&i), 4);
        }
        p += "\x8c\x02k5K\x07u.";  // k5 again: 7
        QElapsedTimer t;
        t.start();
        const auto doc = readPickle(p, "keys.pickle");
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(doc.size(), std::size_t(200'000));
        QCOMPARE(doc.begin().key(), std::string("k0"));
        QCOMPARE(std::next(doc.begin(), 5).key(), std::string("k5"));
        QCOMPARE(std::next(doc.begin(), 5).value().get<int>(), 7);
        QCOMPARE(std::prev(doc.end()).key(), std::string("k199999"));
    }
};

QTEST_GUILESS_MAIN(TestPickle)
#include "tst_pickle.moc"
