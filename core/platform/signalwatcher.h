#pragma once

#include <QObject>

class QSocketNotifier;

namespace qcc {

/*! Turns the operating system's requests to stop or reload into Qt signals on the event loop.
 *  POSIX (posix/signalwatcher_posix.cpp): SIGTERM/SIGINT → terminate(), SIGHUP → reload().
 *  Windows (windows/signalwatcher_windows.cpp): Ctrl+C, Ctrl+Break and closing the console,
 *  logging off or shutting down → terminate(); there is no reload request. One per process. */
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminate();
    void reload();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace qcc
