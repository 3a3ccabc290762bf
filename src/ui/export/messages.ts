import { defineMessages } from '../i18n/messages';

/** The PNG and CSV buttons of every chart. */
export const exportMessages = defineMessages(
  {
    pngAria: 'PNG: download {title} as an image',
    pngTitle: 'Download the chart as a PNG image',
    csvAria: 'CSV: download the data of {title}',
    csvTitle: "Download the chart's data as CSV",
    noChart: 'there is no chart to export yet',
    notDrawn: 'the chart could not be drawn as an image',
    noCanvas: 'the browser has no 2D canvas',
    notEncoded: 'the image could not be encoded',
  },
  {
    pngAria: 'PNG：将“{title}”下载为图片',
    pngTitle: '将图表下载为 PNG 图片',
    csvAria: 'CSV：下载“{title}”的数据',
    csvTitle: '将图表数据下载为 CSV',
    noChart: '还没有可导出的图表',
    notDrawn: '无法将图表绘制为图片',
    noCanvas: '浏览器不支持 2D canvas',
    notEncoded: '无法编码图片',
  },
);
