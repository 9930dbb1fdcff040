/** The demo workspace's address; /demo shows the widget of its website inbox. */
export const DEMO_SLUG = 'demo';
