import { Button, Tabs } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PageHeader } from '../components/PageHeader';
import { ArticleList } from '../components/kb/ArticleList';
import { CategoryTree } from '../components/kb/CategoryTree';
import { FaqList } from '../components/kb/FaqList';
import { ImportExport } from '../components/kb/ImportExport';
import { useTenant } from '../kb/api';

const TABS = ['faqs', 'articles', 'categories', 'transfer'] as const;
type Tab = (typeof TABS)[number];

export function KnowledgeBasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.tab ?? '') ? (params.tab as Tab) : 'faqs';
  const tenant = useTenant();
  const slug = tenant.data?.tenant.slug;
  return (
    <>
      <PageHeader
        title={t('kb.title')}
        description={t('kb.description')}
        actions={
          slug ? (
            <Button
              component="a"
              href={`/help/${slug}`}
              target="_blank"
              rel="noopener noreferrer"
              variant="default"
              leftSection={<IconExternalLink size={16} />}
              data-testid="help-center-link"
            >
              {t('kb.helpCenter')}
            </Button>
          ) : undefined
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(v === 'faqs' ? '/app/kb' : `/app/kb/${v}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`kb-tab-${k}`}>
              {t(`kb.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="faqs">
          <FaqList />
        </Tabs.Panel>
        <Tabs.Panel value="articles">
          <ArticleList />
        </Tabs.Panel>
        <Tabs.Panel value="categories">
          <CategoryTree />
        </Tabs.Panel>
        <Tabs.Panel value="transfer">
          <ImportExport />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
