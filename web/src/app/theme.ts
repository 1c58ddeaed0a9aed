import type { ThemeConfig } from 'antd';

// A restrained government look: one deep blue, small radii, system CJK fonts.
export const BRAND_BLUE = '#1f4e8c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerPadding: '0 16px', siderBg: '#ffffff', bodyBg: '#f3f5f8', triggerBg: '#ffffff', triggerColor: BRAND_BLUE },
    Menu: { itemSelectedBg: '#e8eff8', itemSelectedColor: BRAND_BLUE, itemBorderRadius: 4 },
  },
};
