/** Why a file cannot be read, in French. */
export function unreadableFile(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `Fichier introuvable : ${path}`;
  if (code === 'EISDIR') return `${path} est un dossier, pas un fichier`;
  if (code === 'EACCES' || code === 'EPERM') return `Fichier illisible (droits insuffisants) : ${path}`;
  return `Fichier illisible : ${path} (${error instanceof Error ? error.message : String(error)})`;
}
