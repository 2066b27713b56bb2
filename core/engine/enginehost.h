#pragma once

#include "config/config.h"
#include "engine/enginesnapshot.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace qcc {

class Engine;
class SecretStore;
class SystemClock;

/*! Runs an Engine on its own thread for a GUI (docs/ARCHITECTURE.md: a busy UI never stalls a
 * stream). Lives on the UI thread. Commands go to the engine as queued calls; the engine answers
 * with immutable snapshots through queued signals. The config file is written here, atomically,
 *  before the engine gets the new config. */
class EngineHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineHost)

public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    //! Starts the engine thread with \a config; listens at once when \a listen is true.
    void start(const Config &config, const QString &configPath, const QString &stateDir,
               bool listen = true);
    const Config &config() const { return m_config; }
    QString configPath() const { return m_configPath; }
    const EngineSnapshot &snapshot() const { return m_snapshot; }

    //! Where keys typed into the editor go (the OS keychain); null keeps them in the file.
    void setSecretStore(SecretStore *store) { m_secrets = store; }
    SecretStore *secretStore() const { return m_secrets; }
    void setProxyEnabled(bool enabled);
    void verifyNow(const QString &id = QString());
    void restore(const QString &id);
    //! The user's pick of one endpoint, or automatic (empty): see EndpointRegistry::setPicked.
    void setPicked(const QString &id);
    //! Saves the config file, then applies it to the running engine. False (file untouched,
    //! engine unchanged) with \a error set when it cannot be saved.
    bool applyConfig(const Config &config, UiText *error);
    bool switchCluster(const QString &name, UiText *error);
    //! Moves every plaintext key of the config into the secret store (the user's yes).
    bool moveAllKeysToKeychain(UiText *error);
    bool setEndpointEnabled(const QString &id, bool enabled, UiText *error);
    //! Runs a verification probe of \a endpoint (queued or not, saved or not): testFinished().
    void testEndpoint(const EndpointConfig &endpoint);
    /*! Graceful stop: in-flight streams finish (bounded by \a graceMs), then the thread ends and
     *  \a done runs on the UI thread. */
    void shutdown(int graceMs, std::function<void()> done);
    //! Blocks until the next snapshot arrives (tests, start-up).
    bool waitForSnapshot(int timeoutMs = 5000);

Q_SIGNALS:
    void snapshotChanged(const qcc::EngineSnapshot &snapshot);
    void listenFailed(const qcc::UiText &message);
    void testFinished(const QString &name, bool passed, const qcc::UiText &message,
                      qint64 latencyMs);
    void endpointIsolated(const QString &id, const QString &name, const QString &reason);
    void endpointRestored(const QString &id, const QString &name);

private:
    template <typename F> void onEngine(F f);
    void stopThread();

    QThread m_thread;
    QObject *m_context = nullptr; //!< lives on the engine thread: target of queued calls
    Engine *m_engine = nullptr;   //!< created, used and deleted on the engine thread only
    std::unique_ptr<SystemClock> m_clock;
    Config m_config;
    SecretStore *m_secrets = nullptr;
    bool m_moveAllKeys = false;
    QString m_configPath;
    EngineSnapshot m_snapshot;
    int m_snapshotSerial = 0;
};

} // namespace qcc
