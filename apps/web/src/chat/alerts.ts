// Desktop notifications and a short chime for new contact messages while the tab is hidden.
import i18n from '../i18n';

let audio: AudioContext | null = null;

export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    const now = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.15 + 0.3);
      osc.connect(gain).connect(ctx.destination);
      osc.start(now + i * 0.15);
      osc.stop(now + i * 0.15 + 0.32);
    }
  } catch {
    // audio not available
  }
}

export const notificationsSupported = () => typeof window !== 'undefined' && 'Notification' in window;

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!notificationsSupported()) return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export function alertNewMessage(name: string, body: string, conversationId: string): void {
  playChime();
  if (notificationPermission() !== 'granted') return;
  try {
    const n = new Notification(i18n.t('chat.newMessageFrom', { name }), {
      body: body.slice(0, 140),
      tag: `kefu-${conversationId}`,
    });
    n.onclick = () => {
      window.focus();
      window.dispatchEvent(new CustomEvent('kefu:open-conversation', { detail: conversationId }));
      n.close();
    };
  } catch {
    // some browsers only allow notifications from a service worker
  }
}
