import type { CompositionEvent } from 'react';
import { Button, Input, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

interface Props {
  value: string;
  onChange: (value: string) => void;
  /** Enter or the button; not while an input method (pinyin) is still composing. */
  onSearch: (value: string) => void;
  /** Composition (IME) starts and ends, for callers that search as one types. */
  onComposing?: (composing: boolean) => void;
  placeholder: string;
  ariaLabel: string;
  buttonText?: string;
  /** Lands on the <input> itself, where browser tests type. */
  testId: string;
  autoFocus?: boolean;
}

/** The portal's search box: a large input with its button, sized for thumbs. */
export function SearchBox({ value, onChange, onSearch, onComposing, placeholder, ariaLabel, buttonText, testId, autoFocus }: Props) {
  return (
    <Space.Compact block size="large">
      <Input
        data-testid={testId}
        enterKeyHint="search"
        allowClear
        autoFocus={autoFocus}
        maxLength={50}
        value={value}
        placeholder={placeholder}
        aria-label={ariaLabel}
        onChange={(e) => onChange(e.target.value)}
        onCompositionStart={() => onComposing?.(true)}
        onCompositionEnd={(e: CompositionEvent<HTMLInputElement>) => {
          onComposing?.(false);
          onChange(e.currentTarget.value);
        }}
        onPressEnter={(e) => {
          // The Enter that confirms a pinyin choice is not a search.
          if (!e.nativeEvent.isComposing) onSearch(e.currentTarget.value);
        }}
      />
      <Button type="primary" icon={<SearchOutlined />} aria-label={ariaLabel} onClick={() => onSearch(value)}>
        {buttonText}
      </Button>
    </Space.Compact>
  );
}
