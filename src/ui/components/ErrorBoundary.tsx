import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLang } from '../i18n/lang';
import { useT } from '../i18n/messages';
import { renderText, type LocalText } from '../localText';
import { shellMessages as m } from './messages';

interface Props {
  /** What this boundary guards, for the message ("the console", "the panel for web"): text, or a message shown in the current language. */
  what: LocalText;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Shows what failed instead of a blank page; "Try again" re-mounts the children. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[cumulo] ${renderText(this.props.what, 'en')} crashed`, error, info.componentStack);
  }

  private readonly retry = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return <Crash what={this.props.what} error={error} onRetry={this.retry} />;
  }
}

/** The crash message (a function component, so it follows the language). */
function Crash({ what, error, onRetry }: { what: LocalText; error: Error; onRetry: () => void }) {
  const lang = useLang();
  const t = useT(m);
  return (
    <div className="banner banner-error crash" role="alert" data-testid="crash">
      <div className="banner-text">
        <strong>{t('crashed', { what: renderText(what, lang) })}</strong>
        <ul>
          <li>{error.message || error.name}</li>
        </ul>
      </div>
      <button type="button" onClick={onRetry}>
        {t('tryAgain')}
      </button>
    </div>
  );
}
