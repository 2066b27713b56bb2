#include "acceptor.h"

#include "netbackend.h"
#include "platform/logging.h"
#include "platform/os.h"

#include <QSocketNotifier>

namespace qcc {

Acceptor::Acceptor(NetBackend *net, Accepted accepted, QObject *parent)
    : QTcpServer(parent), m_net(net), m_accepted(std::move(accepted))
{
    setListenBacklogSize(1024); // a burst of connects is queued, not dropped
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryMs);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        m_notifier->setEnabled(true);
        acceptAll();
    });
}

Acceptor::~Acceptor()
{
    stop();
}

bool Acceptor::start(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
    pauseAccepting(); // Qt's accept loop off: ours takes the descriptor
    m_notifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &Acceptor::acceptAll);
    // Connections queued before the notifier began wait for the first activation: it comes, as
    // the descriptor is readable while any wait (a level-triggered notifier).
    return true;
}

void Acceptor::stop()
{
    m_retry.stop();
    delete m_notifier;
    m_notifier = nullptr;
    close();
}

void Acceptor::acceptAll()
{
    while (m_notifier) {
        bool starved = false;
        QString error;
        const qintptr descriptor = os::acceptConnection(socketDescriptor(), &starved, &error);
        if (descriptor >= 0) {
            if (std::unique_ptr<StreamSocket> socket = m_net->adoptConnection(descriptor))
                m_accepted(std::move(socket));
            continue;
        }
        if (!starved)
            return; // none waiting
        // Out of descriptors or memory: the connection waits in the backlog; try again shortly,
        // when connections may have closed.
        qCWarning(lcProxy).noquote()
            << "cannot accept a client connection:" << error << "- retrying in" << kRetryMs << "ms";
        m_notifier->setEnabled(false);
        m_retry.start();
        return;
    }
}

} // namespace qcc
