#include "nodemodels.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QtTest>

using namespace qcc;

namespace {
EndpointSnapshot ep(const char *idText, Tier tier, bool isolated, int sinceMinutesAgo = 0)
{
    const QString id = QString::fromLatin1(idText);
    EndpointSnapshot e;
    e.id = id;
    e.name = QStringLiteral("name-") + id;
    e.baseUrl = QStringLiteral("https://%1.example/api").arg(id);
    e.tier = tier;
    e.status = isolated ? EndpointStatus::Isolated : EndpointStatus::Healthy;
    e.inFailureQueue = isolated;
    if (isolated) {
        FailureEntry f;
        f.id = id;
        f.reasonClass = OutcomeClass::Credential;
        f.reason = f.lastError = QStringLiteral("HTTP 401: 密钥无效");
        f.since = QDateTime::currentDateTimeUtc().addSecs(-60 * sinceMinutesAgo);
        f.verifyAttempts = 2;
        f.hasProbe = true;
        f.lastProbeResult = QStringLiteral("HTTP 401");
        f.lastProbeLatencyMs = 42;
        e.failure = f;
    }
    return e;
}

EngineSnapshot snap(const QList<EndpointSnapshot> &eps, qint64 nextMs = 30000)
{
    EngineSnapshot s;
    s.valid = true;
    s.registry.endpoints = eps;
    s.registry.nextVerifyInMs = nextMs;
    return s;
}
} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failedNodesModel()
    {
        FailedNodesModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m.rowCount(), 0);
        m.setSnapshot(snap({ep("a", Tier::Primary, true, 10), ep("b", Tier::Primary, false)}));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.data(m.index(0, FailedNodesModel::Name)).toString(), QStringLiteral("name-a"));
        QCOMPARE(m.data(m.index(0, FailedNodesModel::Host)).toString(),
                 QStringLiteral("a.example"));
        QVERIFY(m.data(m.index(0, FailedNodesModel::Reason))
                    .toString()
                    .contains(QStringLiteral("密钥无效")));
        QCOMPARE(m.data(m.index(0, FailedNodesModel::Since)).toString(),
                 QStringLiteral("10 min ago"));
        QCOMPARE(m.data(m.index(0, FailedNodesModel::Attempts)).toInt(), 2);
        QCOMPARE(m.data(m.index(0, FailedNodesModel::LastProbe)).toString(),
                 QStringLiteral("HTTP 401 (42 ms)"));
        QCOMPARE(m.data(m.index(0, FailedNodesModel::NextProbe)).toString(),
                 QStringLiteral("in 30 s"));

        // the selection follows the endpoint while rows come and go around it
        QItemSelectionModel selection(&m);
        selection.select(m.index(0, 0),
                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m.setSnapshot(snap({ep("c", Tier::Primary, true, 30), ep("a", Tier::Primary, true, 10),
                            ep("b", Tier::Primary, true, 1)},
                           29000));
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.idAt(0), QStringLiteral("c")); // oldest first
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(m.idAt(selection.selectedRows().first().row()), QStringLiteral("a"));
        QCOMPARE(m.data(m.index(1, FailedNodesModel::NextProbe)).toString(),
                 QStringLiteral("in 29 s"));
        m.setSnapshot(snap({ep("a", Tier::Primary, true, 10)}));
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.idAt(selection.selectedRows().first().row()), QStringLiteral("a"));
        m.setSnapshot(snap({}));
        QCOMPARE(m.rowCount(), 0);
    }

    void nodesModel()
    {
        NodesModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EndpointSnapshot s1 = ep("s1", Tier::Secondary, false);
        EndpointSnapshot p1 = ep("p1", Tier::Primary, false);
        p1.totalRequests = 10;
        p1.successRate = 0.9;
        p1.avgLatencyMs = 123.4;
        p1.requestsToday = 7;
        p1.tokensToday = 12345;
        p1.latencyHistory = {{QDateTime::currentMSecsSinceEpoch() - 60000, 100},
                             {QDateTime::currentMSecsSinceEpoch(), 140}};
        m.setSnapshot(snap({s1, p1, ep("p2", Tier::Primary, true)}));
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.idAt(0), QStringLiteral("p1")); // primaries first, config order kept
        QCOMPARE(m.idAt(1), QStringLiteral("p2"));
        QCOMPARE(m.idAt(2), QStringLiteral("s1"));
        QCOMPARE(m.data(m.index(0, NodesModel::SuccessRate)).toString(), QStringLiteral("90 %"));
        QCOMPARE(m.data(m.index(0, NodesModel::Latency)).toString(), QStringLiteral("123 ms"));
        QCOMPARE(m.data(m.index(0, NodesModel::RequestsToday)).toInt(), 7);
        QCOMPARE(m.data(m.index(0, NodesModel::Latency), NodesModel::HistoryRole).toList().size(),
                 2);
        QVERIFY(
            m.data(m.index(1, NodesModel::State)).toString().contains(QStringLiteral("isolated")));
        // a tier change moves the row without losing it
        s1.tier = Tier::Primary;
        m.setSnapshot(snap({s1, p1}));
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.idAt(0), QStringLiteral("s1"));
        QCOMPARE(m.idAt(1), QStringLiteral("p1"));
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
