/** Files the staff pages fetch with the staff token: an HTML page opened in a new tab, a CSV downloaded. */
import { ApiError, apiBase, staffToken } from '../api';

/** The file as it came (a CSV keeps its BOM for Excel); a refusal throws ApiError like every other call. */
const fetchFile = async (path: string): Promise<Blob> => {
  const token = staffToken();
  const response = await fetch(`${await apiBase()}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (response.ok) return response.blob();
  const error = (await response.json().catch(() => ({})))?.error ?? {};
  const message = error.message ?? response.statusText;
  throw new ApiError(response.status, error.code ?? 'HTTP_ERROR', message, error.messageEn ?? message, error.details);
};

export const download = async (path: string, name: string) => {
  const url = URL.createObjectURL(await fetchFile(path));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  URL.revokeObjectURL(url);
};

export const openHtml = async (path: string) => {
  const blob = await fetchFile(path);
  window.open(URL.createObjectURL(new Blob([blob], { type: 'text/html' })), '_blank', 'noopener');
};
