#pragma once

#include <QMainWindow>

class QMenu;

namespace qcc {

class NodesWindow;

/*! QCC's window on a desktop without a system tray: the tray menu (the very same actions, so
 *  the two never disagree) as its menu bar and tool bar, and the Nodes table with its live
 *  status line. Closing it asks whether to quit QCC (the proxy stops) or keep it running. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    //! Shows \a menu's actions and takes \a nodes as its central widget.
    MainWindow(QMenu *menu, NodesWindow *nodes, QWidget *parent = nullptr);
    //! QCC is quitting: a close (Qt closes every window on quit) no longer asks.
    void allowClose() { m_closeAllowed = true; }

Q_SIGNALS:
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    bool m_closeAllowed = false;
};

} // namespace qcc
