#pragma once

#include <QObject>

class QSocketNotifier;

namespace qcc {

/*! Turns process signals into Qt signals on the event loop: SIGTERM/SIGINT → terminate(),
 *  SIGHUP → reload(). Unix only; elsewhere it never fires. One per process. */
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
