// Who is signed in. The token lives in sessionStorage only: it dies with the
// tab and never appears in a URL, a link or the browser history.
export type Role = 'coordinator' | 'sponsor' | 'admin';

export interface Credentials {
  role: Role;
  token: string;
  /** Empty for an admin, who works across programmes. */
  programmeId: string;
}

const KEY = 'twoway.credentials';

export function loadCredentials(storage: Storage = sessionStorage): Credentials | null {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Credentials> | null;
    if (!saved || typeof saved.token !== 'string' || !saved.token) return null;
    if (saved.role !== 'coordinator' && saved.role !== 'sponsor' && saved.role !== 'admin') return null;
    return { role: saved.role, token: saved.token, programmeId: saved.programmeId ?? '' };
  } catch {
    return null;
  }
}

export function saveCredentials(credentials: Credentials, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(credentials));
}

export function clearCredentials(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}
