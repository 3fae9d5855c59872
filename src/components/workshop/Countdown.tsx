/** A countdown that re-renders itself every second (and nothing around it). */
import { useEffect, useState } from 'preact/hooks';
import { formatCountdown } from './format.ts';

export function Countdown({ endsAt, skew = 0 }: { endsAt: number; skew?: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = endsAt - (now + skew);
  return <>{left > 0 ? `${formatCountdown(left)} left` : 'time is up'}</>;
}
