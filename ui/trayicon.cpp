#include "trayicon.h"

#include "engine/enginehost.h"
#include "nodemodels.h"

#include <QActionGroup>
#include <QIconEngine>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>

namespace qcc {

namespace {
QColor colorOf(TrayState s)
{
    switch (s) {
    case TrayState::Green:
        return QColor(0x2e, 0x9e, 0x5b);
    case TrayState::Amber:
        return QColor(0xe8, 0xa3, 0x17);
    case TrayState::Red:
        return QColor(0xd6, 0x45, 0x41);
    case TrayState::Grey:
        return QColor(0x8a, 0x8f, 0x98);
    }
    return Qt::gray;
}

//! Paints the icon for any requested size instead of scaling a bitmap.
class TrayIconEngine final : public QIconEngine
{
public:
    explicit TrayIconEngine(TrayState state) : m_state(state) {}
    /*! Each state has its own shape as well as its own colour, so that it reads without
     *  colour (colour blindness, a monochrome panel): green a disc with a "Q", amber a
     *  triangle with "!", red a square with "×", grey a ring with "–" (off). Drawn as paths
     *  at the size asked for, so it is crisp at 16 px and on HiDPI alike. */
    void paint(QPainter *p, const QRect &rect, QIcon::Mode, QIcon::State) override
    {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const qreal side = qMin(rect.width(), rect.height());
        const QRectF box(rect.x() + (rect.width() - side) / 2,
                         rect.y() + (rect.height() - side) / 2, side, side);
        const qreal pad = qMax<qreal>(1, side * 0.06);
        const QRectF body = box.adjusted(pad, pad, -pad, -pad);
        const QColor fill = colorOf(m_state);
        const qreal outline = qMax<qreal>(1, side / 16);
        const qreal stroke = qMax<qreal>(1.5, side * 0.12);
        QPen white(Qt::white, stroke, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        const QPointF c = body.center();
        const qreal r = body.width() / 2;
        switch (m_state) {
        case TrayState::Green: {
            p->setPen(QPen(fill.darker(135), outline));
            p->setBrush(fill);
            p->drawEllipse(body);
            // A white "Q" ring with a tail; at tiny sizes the ring alone stays legible.
            const QRectF ring = body.adjusted(r * 0.54, r * 0.54, -r * 0.54, -r * 0.54);
            white.setWidthF(qMax<qreal>(1.2, side * 0.11));
            p->setPen(white);
            p->setBrush(Qt::NoBrush);
            p->drawEllipse(ring);
            if (side >= 20)
                p->drawLine(ring.center() + QPointF(ring.width() * 0.18, ring.height() * 0.18),
                            ring.bottomRight() +
                                QPointF(ring.width() * 0.12, ring.height() * 0.12));
            break;
        }
        case TrayState::Amber: {
            QPainterPath triangle;
            triangle.moveTo(c.x(), body.top());
            triangle.lineTo(body.right(), body.bottom() - r * 0.1);
            triangle.lineTo(body.left(), body.bottom() - r * 0.1);
            triangle.closeSubpath();
            p->setPen(QPen(fill.darker(135), outline, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p->setBrush(fill);
            p->drawPath(triangle);
            p->setPen(white);
            p->drawLine(QPointF(c.x(), body.top() + r * 0.62), QPointF(c.x(), c.y() + r * 0.3));
            p->drawPoint(QPointF(c.x(), c.y() + r * 0.62));
            break;
        }
        case TrayState::Red: {
            p->setPen(QPen(fill.darker(135), outline, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p->setBrush(fill);
            p->drawRoundedRect(body, r * 0.2, r * 0.2);
            p->setPen(white);
            const qreal k = r * 0.36;
            p->drawLine(c + QPointF(-k, -k), c + QPointF(k, k));
            p->drawLine(c + QPointF(-k, k), c + QPointF(k, -k));
            break;
        }
        case TrayState::Grey: {
            // A thick ring (a hole where the others are solid) crossed by a bar: off.
            const qreal width = r * 0.42;
            p->setPen(QPen(fill, width));
            p->setBrush(Qt::NoBrush);
            p->drawEllipse(body.adjusted(width / 2, width / 2, -width / 2, -width / 2));
            p->setPen(QPen(fill, stroke * 1.2, Qt::SolidLine, Qt::FlatCap));
            p->drawLine(QPointF(body.left() + width * 0.5, c.y()),
                        QPointF(body.right() - width * 0.5, c.y()));
            break;
        }
        }
        p->restore();
    }
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }
    QIconEngine *clone() const override { return new TrayIconEngine(m_state); }

private:
    TrayState m_state;
};

QIcon dot(EndpointStatus status)
{
    QPixmap pm(16, 16);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(statusColor(status));
    p.drawEllipse(3, 3, 10, 10);
    return QIcon(pm);
}
} // namespace

QIcon trayIconFor(TrayState state)
{
    return QIcon(new TrayIconEngine(state));
}

TrayIcon::TrayIcon(EngineHost *host, StatusPresenter *presenter, QObject *parent)
    : QSystemTrayIcon(parent), m_host(host), m_menu(new QMenu)
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_headline = m_menu->addAction(QString());
    m_headline->setEnabled(false);
    m_hint = m_menu->addAction(QString());
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setEnabled(false);
    m_hint->setVisible(false);
    m_menu->addSeparator();
    m_toggle = m_menu->addAction(tr("Proxy on"));
    m_toggle->setObjectName(QStringLiteral("toggleProxy"));
    m_toggle->setCheckable(true);
    connect(m_toggle, &QAction::triggered, this, &TrayIcon::proxyToggled);
    m_clusters = m_menu->addMenu(tr("Cluster"));
    m_clusters->setObjectName(QStringLiteral("clusters"));
    m_pick = m_menu->addMenu(tr("Use endpoint"));
    m_pick->setObjectName(QStringLiteral("pick"));
    m_nodes = m_menu->addMenu(tr("Endpoint status"));
    m_nodes->setObjectName(QStringLiteral("nodes"));
    m_failed = m_menu->addAction(tr("Failed endpoints…"), this, &TrayIcon::openFailedNodes);
    m_failed->setObjectName(QStringLiteral("failedNodes"));
    m_menu->addAction(tr("Endpoints…"), this, &TrayIcon::openEndpoints)
        ->setObjectName(QStringLiteral("endpoints"));
    m_menu->addAction(tr("Settings…"), this, &TrayIcon::openSettings)
        ->setObjectName(QStringLiteral("settings"));
    m_menu->addSeparator();
    m_claude = m_menu->addAction(tr("Claude Code uses QCC"));
    m_claude->setObjectName(QStringLiteral("claudeCode"));
    m_claude->setCheckable(true);
    m_claude->setToolTip(
        tr("Points Claude Code's user settings at QCC; unchecking restores them."));
    connect(m_claude, &QAction::triggered, this, &TrayIcon::claudeCodeToggled);
    m_menu->addAction(tr("Copy Claude Code environment"), this, &TrayIcon::copyEnvironment)
        ->setObjectName(QStringLiteral("copyEnvironment"));
    m_menu->addAction(tr("Open log folder"), this, &TrayIcon::openLogFolder)
        ->setObjectName(QStringLiteral("openLogFolder"));
    m_menu->addAction(tr("About QCC…"), this, &TrayIcon::openAbout)
        ->setObjectName(QStringLiteral("about"));
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested)
        ->setObjectName(QStringLiteral("quit"));
    setContextMenu(m_menu);
    setIcon(trayIconFor(TrayState::Grey));

    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            Q_EMIT openNodes();
    });
    connect(presenter, &StatusPresenter::changed, this, [this](const TrayStatus &status) {
        m_state = status.state;
        setIcon(trayIconFor(status.state));
        setToolTip(status.tooltip);
        m_headline->setText(status.tooltip);
    });
    connect(host, &EngineHost::snapshotChanged, this, &TrayIcon::rebuildDynamic);
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

void TrayIcon::setClaudeCodeChecked(bool on)
{
    m_claude->setChecked(on);
}

void TrayIcon::setProxyChecked(bool on)
{
    m_toggle->setChecked(on);
}

void TrayIcon::rebuildDynamic(const EngineSnapshot &s)
{
    QString hint = StatusPresenter::hint(s);
    if (!s.listening && m_claude->isChecked())
        hint = tr("The proxy is off, but Claude Code is set to use QCC: it cannot connect until "
                  "you turn the proxy on or uncheck “Claude Code uses QCC”.");
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_toggle->setChecked(s.listening);
    m_toggle->setText(s.listening ? tr("Proxy on (%1)").arg(s.listenAddress)
                                  : tr("Proxy off — click to start"));
    int isolated = 0;
    for (const EndpointSnapshot &e : s.registry.endpoints)
        isolated += e.inFailureQueue;
    m_failed->setText(isolated ? tr("Failed endpoints (%1)…").arg(isolated)
                               : tr("Failed endpoints…"));

    // Rebuilt only while closed: never under the user's pointer.
    if (m_menu->isVisible())
        return;
    m_clusters->clear();
    auto *group = new QActionGroup(m_clusters);
    for (const QString &name : s.clusters) {
        QAction *a = m_clusters->addAction(name);
        a->setCheckable(true);
        a->setChecked(name == s.activeCluster);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, name] {
            UiText error;
            if (!m_host->switchCluster(name, &error))
                QMessageBox::warning(
                    nullptr, tr("QCC"),
                    tr("Cannot switch to cluster %1:\n%2").arg(name, error.localized()));
        });
    }
    m_clusters->setEnabled(s.clusters.size() > 1);
    m_pick->clear();
    auto *picks = new QActionGroup(m_pick);
    auto addPick = [&](const QString &text, const QString &id) {
        QAction *a = m_pick->addAction(text);
        a->setCheckable(true);
        a->setChecked(id == s.registry.pickedId);
        a->setData(id);
        picks->addAction(a);
        connect(a, &QAction::triggered, this, [this, id] { m_host->setPicked(id); });
    };
    addPick(tr("Automatic"), QString());
    m_pick->addSeparator();
    for (const EndpointSnapshot &e : s.registry.endpoints)
        addPick(e.name, e.id);
    if (!s.registry.pickIgnored.isEmpty())
        m_pick->addAction(StatusPresenter::pickNote(s))->setEnabled(false);
    m_nodes->clear();
    for (const EndpointSnapshot &e : s.registry.endpoints) {
        QString text = e.name + QStringLiteral(" — ") + Wording::status(e.status);
        if (e.avgLatencyMs > 0 && !e.inFailureQueue)
            text += QStringLiteral(" · ") + Wording::latency(qRound64(e.avgLatencyMs));
        QAction *a = m_nodes->addAction(dot(e.status), text);
        connect(a, &QAction::triggered, this,
                e.inFailureQueue ? &TrayIcon::openFailedNodes : &TrayIcon::openNodes);
    }
    if (s.registry.endpoints.isEmpty())
        m_nodes->addAction(tr("No endpoint yet — add one in Endpoints…"))->setEnabled(false);
}

} // namespace qcc
