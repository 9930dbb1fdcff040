import {
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconDownload, IconFileImport, IconUpload, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportUrl, kbKeys, uploadImport, type TransferKind } from '../../kb/api';
import type { ImportReport } from '../../kb/types';
import { formatSize } from '../../chat/text';
import { errorMessage, notifySuccess } from '../../util';
import { useCanManageKb } from '../RequirePermission';

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  if (report.errors.length === 0) {
    return (
      <Alert color="teal" icon={<IconCheck size={18} />} data-testid="import-ok">
        {report.dryRun
          ? t('kb.transfer.checkOk', { created: report.created, updated: report.updated })
          : t('kb.transfer.imported', {
              imported: report.imported,
              created: report.created,
              updated: report.updated,
            })}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" data-testid="import-report">
      <Alert color="red" icon={<IconX size={18} />}>
        {t('kb.transfer.problems', { count: report.errors.length })}
      </Alert>
      <ScrollArea.Autosize mah={360} type="auto">
        <Table withTableBorder striped fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('kb.transfer.row')}</Table.Th>
              <Table.Th w={180}>{t('kb.transfer.field')}</Table.Th>
              <Table.Th>{t('kb.transfer.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.errors.map((e, i) => (
              <Table.Tr key={i} data-testid="import-problem">
                <Table.Td>{e.row === 0 ? t('kb.transfer.wholeFile') : e.row}</Table.Td>
                <Table.Td ff="monospace">{e.field}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}

export function ImportExport() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const manage = useCanManageKb();
  const [kind, setKind] = useState<TransferKind>('faqs');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (dryRun: boolean) => uploadImport(kind, file!, dryRun),
    onMutate: () => setFailure(null),
    onSuccess: (r) => {
      setReport(r);
      if (!r.dryRun && r.errors.length === 0) {
        void qc.invalidateQueries({ queryKey: kbKeys.all });
        notifySuccess(t('kb.transfer.importDone', { count: r.imported }));
      }
    },
    onError: (e) => setFailure(errorMessage(e)),
  });

  const pick = (f: File | null) => {
    setFile(f);
    setReport(null);
    setFailure(null);
  };

  const checkedClean = !!report && report.dryRun && report.errors.length === 0;
  const done = !!report && !report.dryRun && report.errors.length === 0;

  return (
    <Stack gap="md">
      <SegmentedControl
        w="fit-content"
        value={kind}
        onChange={(v) => {
          setKind(v as TransferKind);
          pick(null);
        }}
        data={[
          { value: 'faqs', label: t('kb.tabs.faqs') },
          { value: 'articles', label: t('kb.tabs.articles') },
        ]}
        data-testid="transfer-kind"
      />
      <Card withBorder>
        <Title order={4} size="h5" mb={4}>
          {t('kb.transfer.exportTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {kind === 'faqs' ? t('kb.transfer.exportHelpFaqs') : t('kb.transfer.exportHelpArticles')}
        </Text>
        <Group gap="xs">
          {(['csv', 'json'] as const).map((format) => (
            <Button
              key={format}
              component="a"
              href={exportUrl(kind, format)}
              download
              variant="light"
              leftSection={<IconDownload size={16} />}
              data-testid={`export-${format}`}
            >
              {t('kb.transfer.exportAs', { format: format.toUpperCase() })}
            </Button>
          ))}
        </Group>
      </Card>
      {manage && (
        <Card withBorder>
          <Title order={4} size="h5" mb={4}>
            {t('kb.transfer.importTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {kind === 'faqs' ? t('kb.transfer.importHelpFaqs') : t('kb.transfer.importHelpArticles')}
          </Text>
          <Stack gap="sm">
            <Group gap="sm">
              <FileButton onChange={pick} accept=".csv,.json,text/csv,application/json">
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    leftSection={<IconUpload size={16} />}
                    data-testid="import-file"
                  >
                    {t('kb.transfer.chooseFile')}
                  </Button>
                )}
              </FileButton>
              {file && (
                <Text size="sm" data-testid="import-file-name">
                  {file.name} ({formatSize(file.size)})
                </Text>
              )}
            </Group>
            <Group gap="sm">
              <Button
                variant="light"
                disabled={!file || done}
                loading={run.isPending && run.variables === true}
                onClick={() => run.mutate(true)}
                data-testid="import-check"
              >
                {t('kb.transfer.check')}
              </Button>
              <Button
                leftSection={<IconFileImport size={16} />}
                disabled={!checkedClean}
                loading={run.isPending && run.variables === false}
                onClick={() => run.mutate(false)}
                data-testid="import-run"
              >
                {t('kb.transfer.import')}
              </Button>
              {!checkedClean && file && !done && (
                <Text size="xs" c="dimmed">
                  {t('kb.transfer.checkFirst')}
                </Text>
              )}
            </Group>
            {failure && (
              <Alert color="red" data-testid="import-failure">
                {failure}
              </Alert>
            )}
            {report && <Report report={report} />}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
