#include "statuspresenter.h"

#include <QtTest>

using namespace qcc;

Q_DECLARE_METATYPE(qcc::EndpointSnapshot)

namespace {
EndpointSnapshot ep(const char *nameUtf8, Tier tier, EndpointStatus status)
{
    const QString name = QString::fromUtf8(nameUtf8);
    EndpointSnapshot e;
    e.id = QStringLiteral("id-") + name;
    e.name = name;
    e.tier = tier;
    e.status = status;
    e.enabled = status != EndpointStatus::Disabled;
    e.inFailureQueue = status == EndpointStatus::Isolated;
    return e;
}
} // namespace

class TestStatusPresenter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void present_data()
    {
        QTest::addColumn<bool>("listening");
        QTest::addColumn<QList<EndpointSnapshot>>("endpoints");
        QTest::addColumn<QString>("servingId");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("tooltip");
        const Tier P = Tier::Primary, S = Tier::Secondary;
        auto row = [](const char *name, bool listening, QList<EndpointSnapshot> eps,
                      QString serving, const char *state, const QString &tip) {
            QTest::newRow(name) << listening << eps << serving << QString::fromLatin1(state) << tip;
        };
        const QString addr = QStringLiteral(" · 127.0.0.1:7860");
        const auto H = EndpointStatus::Healthy, I = EndpointStatus::Isolated,
                   D = EndpointStatus::Disabled;
        // The serving endpoint is the registry's to say (tst_registry servingIsTheRegistrysWord);
        // the presenter words it, and its tier and the isolated ones colour the icon.
        row("off", false, {ep("official", P, H)}, {}, "grey", QStringLiteral("QCC — proxy off"));
        row("off with isolated", false, {ep("official", P, I)}, {}, "grey",
            QStringLiteral("QCC — proxy off · 1 isolated"));
        row("no endpoints", true, {}, {}, "red",
            QStringLiteral("QCC — no endpoint configured") + addr);
        row("primary healthy", true, {ep("official", P, H)}, QStringLiteral("id-official"), "green",
            QStringLiteral("QCC — via official") + addr);
        row("primary unknown yet", true, {ep("official", P, EndpointStatus::Unknown)},
            QStringLiteral("id-official"), "green", QStringLiteral("QCC — via official") + addr);
        row("primary degraded still serves", true, {ep("official", P, EndpointStatus::Degraded)},
            QStringLiteral("id-official"), "green", QStringLiteral("QCC — via official") + addr);
        row("one of two primaries", true, {ep("a", P, H), ep("b", P, H)}, QStringLiteral("id-b"),
            "green", QStringLiteral("QCC — via b") + addr);
        row("primary isolated", true, {ep("official", P, I), ep("relay", S, H)},
            QStringLiteral("id-relay"), "amber",
            QStringLiteral("QCC — via relay · 1 isolated") + addr);
        row("primary cooling", true,
            {ep("official", P, EndpointStatus::Cooling), ep("relay", S, H)},
            QStringLiteral("id-relay"), "amber", QStringLiteral("QCC — via relay") + addr);
        row("primary disabled", true, {ep("official", P, D), ep("relay", S, H)},
            QStringLiteral("id-relay"), "amber", QStringLiteral("QCC — via relay") + addr);
        row("only a secondary", true, {ep("relay", S, H)}, QStringLiteral("id-relay"), "amber",
            QStringLiteral("QCC — via relay") + addr);
        row("one of two primaries isolated", true, {ep("a", P, I), ep("b", P, H)},
            QStringLiteral("id-b"), "amber", QStringLiteral("QCC — via b · 1 isolated") + addr);
        row("all isolated", true, {ep("a", P, I), ep("b", S, I)}, {}, "red",
            QStringLiteral("QCC — no usable endpoint · 2 isolated") + addr);
        row("all disabled", true, {ep("a", P, D)}, {}, "red",
            QStringLiteral("QCC — no usable endpoint") + addr);
        row("chinese names", true, {ep("官方", P, I), ep("中转站", S, H)},
            QStringLiteral("id-中转站"), "amber",
            QStringLiteral("QCC — via 中转站 · 1 isolated") + addr);
    }

    void present()
    {
        QFETCH(bool, listening);
        QFETCH(QList<EndpointSnapshot>, endpoints);
        QFETCH(QString, servingId);
        QFETCH(QString, state);
        QFETCH(QString, tooltip);
        EngineSnapshot s;
        s.valid = true;
        s.listening = listening;
        s.listenAddress = QStringLiteral("127.0.0.1:7860");
        s.registry.endpoints = endpoints;
        s.registry.servingId = servingId;
        const TrayStatus t = StatusPresenter::present(s);
        QCOMPARE(StatusPresenter::stateName(t.state), state);
        QCOMPARE(t.tooltip, tooltip);
    }

    void hints()
    {
        EngineSnapshot s;
        s.listenAddress = QStringLiteral("127.0.0.1:7860");
        QVERIFY(StatusPresenter::hint(s).contains(QStringLiteral("proxy is off")));
        s.listening = true;
        QVERIFY(StatusPresenter::hint(s).contains(QStringLiteral("Endpoints")));
        s.registry.endpoints = {ep("a", Tier::Primary, EndpointStatus::Isolated)};
        QVERIFY(StatusPresenter::hint(s).contains(QStringLiteral("Failed endpoints")));
        s.registry.endpoints = {ep("a", Tier::Primary, EndpointStatus::Disabled)};
        QVERIFY(StatusPresenter::hint(s).contains(QStringLiteral("disabled")));
        s.registry.endpoints = {ep("a", Tier::Primary, EndpointStatus::Healthy)};
        s.registry.servingId = QStringLiteral("id-a");
        QCOMPARE(StatusPresenter::hint(s), QString());
    }

    void emitsOnlyOnChange()
    {
        StatusPresenter p;
        QSignalSpy spy(&p, &StatusPresenter::changed);
        EngineSnapshot s;
        s.listening = true;
        s.listenAddress = QStringLiteral("127.0.0.1:7860");
        s.registry.endpoints = {ep("official", Tier::Primary, EndpointStatus::Healthy)};
        s.registry.servingId = QStringLiteral("id-official");
        p.update(s);
        p.update(s);
        QCOMPARE(spy.count(), 1);
        s.registry.endpoints[0].status = EndpointStatus::Isolated;
        s.registry.servingId.clear();
        s.registry.endpoints[0].inFailureQueue = true;
        p.update(s);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(p.status().state, TrayState::Red);
    }
};

QTEST_APPLESS_MAIN(TestStatusPresenter)
#include "tst_statuspresenter.moc"
