/* i18n-pending */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What this boundary guards, for the message ("the console", "the panel for web"). */
  what: string;
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
    console.error(`[cumulo] ${this.props.what} crashed`, error, info.componentStack);
  }

  private readonly retry = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="banner banner-error crash" role="alert" data-testid="crash">
        <div className="banner-text">
          <strong>Something went wrong in {this.props.what}.</strong>
          <ul>
            <li>{error.message || error.name}</li>
          </ul>
        </div>
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}
