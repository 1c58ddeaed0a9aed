import { Suspense, useState } from 'react';
import { Button, Dropdown, Flex, Layout, Menu, Skeleton } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, SunOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../app/auth-context';
import { activeNavKey, canSee, NAV } from '../../app/nav';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { useT } from '../../lib/i18n';

type MenuItem = Required<MenuProps>['items'][number];

/** The staff workbench frame: module menu on the side, who-am-I and session controls on top. */
export default function WorkbenchShell() {
  const t = useT();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  // On narrow screens the menu folds away completely and opens as an overlay.
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);

  const items: MenuItem[] = NAV.filter((entry) => canSee(entry, me.grants)).map((entry) => {
    const Icon = entry.icon;
    // rc-menu passes unknown props through to the <li>, which is where browser tests click.
    return {
      key: entry.key,
      icon: <Icon />,
      label: <Link to={entry.path}>{t(entry.label)}</Link>,
      'data-testid': `nav-${entry.key}`,
    } as MenuItem;
  });
  const selected = activeNavKey(location.pathname);

  // Things about my own account, for every user whatever their roles.
  const userMenu: MenuProps = {
    items: [{ key: 'password', icon: <KeyOutlined />, label: t('shell.changePassword'), 'data-testid': 'menu-change-password' } as MenuItem],
    onClick: ({ key }) => {
      if (key === 'password') setChangingPassword(true);
    },
  };

  const onLogout = async () => {
    setLoggingOut(true);
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="workbench-shell">
      <Layout.Sider
        width={208}
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 80}
        collapsible
        // On phones the header's menu button opens the menu; antd's floating tab would cover the page.
        trigger={narrow ? null : undefined}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        style={
          narrow ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0, borderRight: '1px solid #e8ebf0' } : { borderRight: '1px solid #e8ebf0' }
        }
        theme="light"
      >
        <div className="wb-brand" title={t('app.title')}>
          {collapsed ? <SunOutlined style={{ fontSize: 22 }} /> : t('app.title')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items}
          aria-label={t('shell.menu')}
          // The phone menu is a drawer; collapsed-menu tooltips would linger after a tap.
          tooltip={narrow ? false : undefined}
          onClick={() => narrow && setCollapsed(true)}
        />
      </Layout.Sider>
      {narrow && !collapsed ? <div className="wb-backdrop" onClick={() => setCollapsed(true)} /> : null}
      <Layout>
        <Layout.Header className="wb-header">
          <div className="wb-header-title">
            {narrow ? (
              <Button type="text" icon={<MenuOutlined />} aria-label={t('shell.menu')} data-testid="menu-toggle" onClick={() => setCollapsed(false)} />
            ) : null}
            <span className="hide-sm">{t('app.title')} · </span>
            {me.account.county.name}
          </div>
          <Flex align="center" gap={4} style={{ flexShrink: 0 }}>
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" data-testid="user-menu" title={t('shell.userMenu')} icon={<UserOutlined />}>
                <span data-testid="user-name">{me.account.name}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
            <LanguageSwitch />
            <Button data-testid="logout-button" type="text" icon={<LogoutOutlined />} aria-label={t('shell.logout')} loading={loggingOut} onClick={onLogout}>
              <span className="hide-sm">{t('shell.logout')}</span>
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content className="wb-content">
          <div className="wb-panel">
            <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
              <Outlet />
            </Suspense>
          </div>
        </Layout.Content>
        <Layout.Footer className="wb-footer">
          {me.account.county.name} · {t('app.title')} · {t('common.timesNote')}
        </Layout.Footer>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
