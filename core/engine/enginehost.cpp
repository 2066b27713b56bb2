#include "enginehost.h"

#include "engine.h"
#include "keys.h"
#include "platform/clock.h"
#include "platform/logging.h"
#include "verify/verifier.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace qcc {

EngineHost::EngineHost(QObject *parent) : QObject(parent), m_clock(new SystemClock)
{
    qRegisterMetaType<qcc::EngineSnapshot>();
    qRegisterMetaType<qcc::UiText>();
    m_thread.setObjectName(QStringLiteral("qcc-engine"));
}

EngineHost::~EngineHost()
{
    stopThread();
}

template <typename F> void EngineHost::onEngine(F f)
{
    if (m_context)
        QMetaObject::invokeMethod(m_context, std::move(f), Qt::QueuedConnection);
}

void EngineHost::start(const Config &config, const QString &configPath, const QString &stateDir,
                       bool listen)
{
    m_config = config;
    m_configPath = configPath;
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
    // The engine and everything it owns are created on the engine thread, so their timers and
    // sockets belong to it.
    QMetaObject::invokeMethod(
        m_context,
        [this, config, stateDir] {
            m_engine = new Engine(m_clock.get());
            connect(m_engine, &Engine::snapshotReady, this, [this](const EngineSnapshot &s) {
                m_snapshot = s;
                ++m_snapshotSerial;
                Q_EMIT snapshotChanged(s);
            });
            connect(m_engine, &Engine::listenFailed, this, &EngineHost::listenFailed);
            connect(m_engine, &Engine::endpointIsolated, this, &EngineHost::endpointIsolated);
            connect(m_engine, &Engine::endpointRestored, this, &EngineHost::endpointRestored);
            m_engine->setConfig(config);
            if (!stateDir.isEmpty())
                m_engine->setStateDir(stateDir);
        },
        Qt::BlockingQueuedConnection);
    if (listen)
        setProxyEnabled(true);
    onEngine([this] { m_engine->setSnapshotsEnabled(true); });
}

void EngineHost::setProxyEnabled(bool enabled)
{
    onEngine([this, enabled] {
        if (!enabled) {
            m_engine->stopListening();
        } else {
            UiText error;
            if (!m_engine->startListening(&error))
                Q_EMIT m_engine->listenFailed(error);
        }
        Q_EMIT m_engine->snapshotReady(m_engine->snapshot());
    });
}

void EngineHost::verifyNow(const QString &id)
{
    onEngine([this, id] { m_engine->verifier()->verifyNow(id); });
}

void EngineHost::restore(const QString &id)
{
    onEngine([this, id] { m_engine->registry()->restore(id); });
}

void EngineHost::setPicked(const QString &id)
{
    onEngine([this, id] { m_engine->registry()->setPicked(id); });
}

bool EngineHost::applyConfig(const Config &input, UiText *error)
{
    // What is about to be written, read once exactly as a fresh start would read it (ids
    // derived, variables and CA files read): never a file the next start would refuse.
    ConfigResult check = parseConfig(input.toBytes());
    if (!check.config) {
        *error = UiText::lines(check.errors);
        return false;
    }
    Config config = std::move(*check.config);
    // The parser cannot read the keychain: its keys are the ones given, else the ones in use.
    QHash<QString, const EndpointConfig *> given, inUse;
    for (const ClusterConfig &c : input.clusters)
        for (const EndpointConfig &ep : c.endpoints)
            given.insert(ep.effectiveId, &ep);
    for (const ClusterConfig &c : m_config.clusters)
        for (const EndpointConfig &ep : c.endpoints)
            inUse.insert(ep.effectiveId, &ep);
    for (ClusterConfig &c : config.clusters) {
        for (EndpointConfig &ep : c.endpoints) {
            if (!ep.keyInKeychain)
                continue;
            if (const EndpointConfig *g = given.value(ep.effectiveId); g && !g->key.isEmpty()) {
                ep.key = g->key;
            } else if (const EndpointConfig *o = inUse.value(ep.effectiveId)) {
                ep.key = o->key;
                ep.keyProblem = o->keyProblem; // still why it has none
            }
        }
    }
    if (m_secrets) {
        // Keys typed in since go to the keychain (the file keeps none); plaintext keys the user
        // chose to keep stay where they are, unless all are asked to move.
        QSet<QString> keep;
        if (!m_moveAllKeys)
            for (const EndpointConfig *ep : std::as_const(inUse))
                if (!ep->apiKey.isEmpty())
                    keep.insert(ep->apiKey);
        QList<UiText> problems;
        moveKeysToKeychain(&config, m_secrets, &problems, keep);
        if (!problems.isEmpty()) {
            *error = UiText::lines(problems);
            return false;
        }
    }
    QString saveError;
    if (!m_configPath.isEmpty() && !saveConfig(config, m_configPath, &saveError)) {
        *error = saveError; // the path and the system's reason
        return false;
    }
    m_config = config;
    onEngine([this, config] { m_engine->setConfig(config); });
    return true;
}

bool EngineHost::moveAllKeysToKeychain(UiText *error)
{
    m_moveAllKeys = true;
    const bool ok = applyConfig(m_config, error);
    m_moveAllKeys = false;
    return ok;
}

bool EngineHost::switchCluster(const QString &name, UiText *error)
{
    Config c = m_config;
    c.activeCluster = name;
    return applyConfig(c, error);
}

bool EngineHost::setEndpointEnabled(const QString &id, bool enabled, UiText *error)
{
    Config c = m_config;
    for (ClusterConfig &cluster : c.clusters) {
        for (EndpointConfig &ep : cluster.endpoints) {
            if (ep.effectiveId == id)
                ep.enabled = enabled;
        }
    }
    return applyConfig(c, error);
}

void EngineHost::testEndpoint(const EndpointConfig &endpoint)
{
    onEngine([this, endpoint] {
        m_engine->verifier()->test(endpoint, [this, name = endpoint.name](
                                                 bool ok, const UiText &message, qint64 ms) {
            QMetaObject::invokeMethod(
                this, [=] { Q_EMIT testFinished(name, ok, message, ms); }, Qt::QueuedConnection);
        });
    });
}

bool EngineHost::waitForSnapshot(int timeoutMs)
{
    const int serial = m_snapshotSerial;
    QElapsedTimer t;
    t.start();
    while (m_snapshotSerial == serial && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return m_snapshotSerial != serial;
}

void EngineHost::shutdown(int graceMs, std::function<void()> done)
{
    if (!m_engine) {
        done();
        return;
    }
    onEngine([this, graceMs, done] {
        m_engine->setSnapshotsEnabled(false);
        m_engine->shutdown(graceMs, [this, done] {
            QMetaObject::invokeMethod(
                this,
                [this, done] {
                    stopThread();
                    done();
                },
                Qt::QueuedConnection);
        });
    });
}

void EngineHost::stopThread()
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_engine;
            m_engine = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context; // its thread has ended: safe from here
    m_context = nullptr;
}

} // namespace qcc
