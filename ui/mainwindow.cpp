#include "mainwindow.h"

#include "nodeswindow.h"

#include <QCloseEvent>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QToolBar>

namespace qcc {

MainWindow::MainWindow(QMenu *menu, NodesWindow *nodes, QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("QCC"));
    menu->setTitle(tr("&QCC"));
    menuBar()->addMenu(menu);
    // The everyday actions one click away; the rest (cluster, nodes, log folder, about,
    // quit) are in the menu bar.
    auto *bar = addToolBar(tr("Actions"));
    bar->setObjectName(QStringLiteral("actions"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char *name :
         {"toggleProxy", "claudeCode", "failedNodes", "endpoints", "settings", "copyEnvironment"})
        if (QAction *a = menu->findChild<QAction *>(QLatin1String(name)))
            bar->addAction(a);
    nodes->setParent(this, Qt::Widget);
    setCentralWidget(nodes);
    resize(980, 420);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeAllowed) {
        event->accept();
        return;
    }
    event->ignore();
    QMessageBox box(QMessageBox::Question, tr("QCC"),
                    tr("Quit QCC? The proxy stops: Claude Code cannot reach your endpoints "
                       "through QCC until you start it again."),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("closeQuestion"));
    QPushButton *quit = box.addButton(tr("Quit QCC"), QMessageBox::DestructiveRole);
    QPushButton *keep = box.addButton(tr("Keep running, minimized"), QMessageBox::AcceptRole);
    quit->setObjectName(QStringLiteral("quit"));
    keep->setObjectName(QStringLiteral("keep"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keep);
    box.exec();
    if (box.clickedButton() == quit)
        Q_EMIT quitRequested();
    else if (box.clickedButton() == keep)
        showMinimized();
}

} // namespace qcc
